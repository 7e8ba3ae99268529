#!/usr/bin/env bash
# Issue 10's added fits (stratified + cluster + cox.zph, ns(visits), IPCW on split data, piecewise) in Java
# (CoxExtensionsBenchmark, heap capped at 1 GiB) and R (bench/r-cox-extensions.R) on the same generated files,
# side by side. Usage, from the repository root:
#
#   bench/run-cox-extensions-benchmark.sh            # Java 2 warm-up + 5 timed runs; R 1 run per file
#   FILES=target/bench/episodes-100k.csv bench/run-cox-extensions-benchmark.sh   # R on 100 k only (R's 1 M
#                                                    # robust variances take tens of minutes)
#
# Needs JAVA_HOME (Java 21+), Rscript with survival and splines, and the Maven dependencies cached.
set -euo pipefail
cd "$(dirname "$0")/.."
R_RUNS="${R_RUNS:-1}"
FILES="${FILES:-target/bench/episodes-100k.csv target/bench/episodes-1m.csv}"

./mvnw -q -o test-compile
rm -f target/bench/java-cox-extensions.csv target/bench/r-cox-extensions.csv
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
./mvnw -o -Pbench surefire:test -Dtest=CoxExtensionsBenchmark | grep -E 'episodes|max heap|generated' || true
test -s target/bench/java-cox-extensions.csv || { echo "Java benchmark failed (see target/surefire-reports)" >&2; exit 1; }
# shellcheck disable=SC2086
Rscript bench/r-cox-extensions.R "$R_RUNS" $FILES
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "episodes  step          Java wall ms  Java CPU ms  |  R wall ms   R CPU ms  |  Java/R wall  Java/R CPU"
join -t, <(tail -n +2 target/bench/java-cox-extensions.csv | awk -F, '{print $1"-"$2","$3","$6}' | sort) \
         <(tail -n +2 target/bench/r-cox-extensions.csv | awk -F, '{print $1"-"$2","$3","$4}' | sort) \
  | sort -t- -k1,1n \
  | awk -F, '{ split($1, k, "-"); printf "%8d  %-12s  %12d  %11d  |  %9d  %9d  |  %11.3f  %10.3f\n", k[1], k[2], $2, $3, $4, $5, $2 / $4, $3 / $5 }'
