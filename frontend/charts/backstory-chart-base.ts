import * as echarts from 'echarts';

/**
 * Base of Backstory's chart web components: holds one ECharts instance, takes its data as a JSON
 * string (or object) in the `data` property, lets the subclass turn that compact data into an
 * ECharts option, resizes with its box and offers a PNG download. Java builds only the data.
 */
export abstract class BackstoryChartBase extends HTMLElement {
  private chart?: echarts.ECharts;
  private chartData: any = null;
  private observer?: ResizeObserver;

  set data(value: unknown) {
    this.chartData = typeof value === 'string' ? (value ? JSON.parse(value) : null) : value;
    this.render();
  }

  get data(): unknown {
    return this.chartData;
  }

  connectedCallback() {
    // A property set before the element was upgraded shadows the setter: re-apply it.
    if (Object.prototype.hasOwnProperty.call(this, 'data')) {
      const pending = (this as any).data;
      delete (this as any).data;
      this.data = pending;
    }
    if (!this.hasAttribute('role')) {
      this.setAttribute('role', 'img');
    }
    this.chart = echarts.init(this, undefined, { renderer: 'canvas' });
    this.observer = new ResizeObserver(() => this.chart?.resize());
    this.observer.observe(this);
    this.render();
  }

  disconnectedCallback() {
    this.observer?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  /** Saves the chart as a PNG (white background, 2x for print). */
  downloadPng(filename: string) {
    if (!this.chart) {
      return;
    }
    const url = this.chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  protected abstract buildOption(data: any): echarts.EChartsOption;

  private render() {
    if (this.chart && this.chartData) {
      this.chart.setOption(this.buildOption(this.chartData), true);
    }
  }
}

export const PALETTE = ['#c25b2a', '#1f6f8b', '#6b8e23', '#8e44ad', '#b8860b', '#2c3e50'];

export const percent = (v: number | null | undefined, digits = 0) =>
  v === null || v === undefined || Number.isNaN(v) ? 'n/a' : `${(v * 100).toFixed(digits)} %`;

export const TEXT_STYLE = { fontFamily: 'inherit', color: '#334' };

/**
 * ECharts puts a tooltip formatter's string into the page as HTML: every value from the data
 * (therapist names, labels, counts) goes through this, so a name such as `<img src=x onerror=…>`
 * shows as text and never runs.
 */
export const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
