#!/usr/bin/env bash
# DESIGN §6 analysis benchmark: Java (RecurrenceAnalysis, heap capped at 1 GiB) and R (stats + survival +
# splines: bench/r-analysis.R fits the same models the Java analysis runs, issue 10's included) on the same
# generated files, printed side by side with the ratio Java / R. Usage, from the repository root:
#
#   bench/run-analysis-benchmark.sh                        # Java 2 warm-up + 5 timed runs; R 1 run per file
#   R_RUNS=3 bench/run-analysis-benchmark.sh               # R's median of 3 (its 1 M run takes over 20 min of CPU:
#                                                          # the robust variances of the weighted Cox models)
#   FILES=target/bench/episodes-100k.csv bench/run-analysis-benchmark.sh   # R on 100 k only
#
# Needs JAVA_HOME (Java 21+), Rscript with survival and splines, and the Maven dependencies cached.
# On a shared machine compare CPU times: wall times follow the other load (the load average is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
R_RUNS="${R_RUNS:-1}"
FILES="${FILES:-target/bench/episodes-100k.csv target/bench/episodes-1m.csv}"

./mvnw -q -o test-compile
rm -f target/bench/java-analysis.csv target/bench/r-analysis.csv
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The bench profile runs the test JVM with -Xmx1g (pom.xml, test.argLine); datasets are generated once into target/bench/.
./mvnw -o -Pbench surefire:test -Dtest=AnalysisBenchmark | grep -E 'episodes|max heap|generated' || true
test -s target/bench/java-analysis.csv || { echo "Java benchmark failed (see target/surefire-reports)" >&2; exit 1; }
echo "load average after Java: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
Rscript bench/r-analysis.R "$R_RUNS" $FILES
echo "load average after R: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "episodes   Java wall ms  Java CPU ms  Java peak heap MiB  |  R wall ms   R CPU ms  |  Java/R wall  Java/R CPU"
join -t, <(tail -n +2 target/bench/java-analysis.csv | sort -t, -k1,1) <(tail -n +2 target/bench/r-analysis.csv | sort -t, -k1,1) \
  | sort -t, -k1,1n \
  | awk -F, '{ printf "%9d  %12d  %11d  %18d  |  %9d  %9d  |  %11.3f  %10.3f\n", $1, $2, $5, $7, $10, $13, $2 / $10, $5 / $13 }'
