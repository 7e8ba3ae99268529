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

/**
 * The report's palette, sent by the server with every chart's data (Java's ChartStyle, which the PDF
 * also draws with): no colour is written in these components, so screen and printout cannot drift.
 */
export interface ChartStyle {
  isolated: string; multi: string; centre: string; limit95: string; limit998: string; outside95: string;
  ink: string; axis: string; series: string[];
}

/** The i-th further series colour. */
export const seriesColour = (style: ChartStyle, i: number) => style.series[i % style.series.length];

/** The chart's words from the translations file, sent by the server with the data (see Java's Chart.setData). */
export interface ChartWords {
  locale: string; na: string; rateCi: string; ratioCi: string; limits95: string; limits998: string; clinicRate: string;
  therapists: string; episodesOf: string; meanBreadth: string; noEffect: string; band: string;
}

/**
 * Numbers as the report's Java side writes them (ReportWords: "%.0f %%", "%.2f" with the language's decimal
 * mark, "n/a" in its words) and the words with their {0} placeholders filled.
 */
export class ChartFormats {
  constructor(private readonly words: ChartWords) {}

  percent = (v: number | null | undefined, digits = 0) =>
    v === null || v === undefined || Number.isNaN(v) ? this.words.na : `${this.fixed(v * 100, digits)} %`;

  num = (v: number | null | undefined, digits = 2) =>
    v === null || v === undefined || Number.isNaN(v) ? this.words.na : this.fixed(v, digits);

  word = (key: keyof ChartWords, ...args: unknown[]) =>
    this.words[key].replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));

  private fixed(v: number, digits: number) {
    return new Intl.NumberFormat(this.words.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(v);
  }
}

export const TEXT_STYLE = { fontFamily: 'inherit', color: '#334' };

/**
 * ECharts puts a tooltip formatter's string into the page as HTML: every value from the data
 * (therapist names, labels, counts) goes through this, so a name such as `<img src=x onerror=…>`
 * shows as text and never runs.
 */
export const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
