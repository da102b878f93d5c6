# Helpers for scripts/bench/speed and its parts (sourced; not a part itself: not executable).

# The 1-minute load average and the number of cores, e.g. "0.42 on 2 cores".
bench_load() {
  echo "$(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores"
}

# Wall seconds of one run of a command (output discarded). Exit 1 is a FAIL verdict, a measured run
# like any other; exit 2 or more is an error, and the part stops rather than time a failure.
bench_time() {
  local start end rc=0
  start=$(date +%s%N)
  "$@" >/dev/null 2>"${TMPDIR:-/tmp}/bench-err.$$" || rc=$?
  end=$(date +%s%N)
  if [ "$rc" -gt 1 ]; then
    echo "bench: exit $rc from: $*" >&2
    tail -5 "${TMPDIR:-/tmp}/bench-err.$$" >&2
    rm -f "${TMPDIR:-/tmp}/bench-err.$$"
    return 1
  fi
  rm -f "${TMPDIR:-/tmp}/bench-err.$$"
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}

# Median wall seconds of N runs of a command.
bench_median() {
  local n=$1 i
  shift
  for ((i = 0; i < n; i++)); do bench_time "$@" || return 1; done | bench_median_of_lines
}

# The median of numbers, one a line on stdin.
bench_median_of_lines() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; m = int((NR + 1) / 2); print (NR % 2) ? v[m] : sprintf("%.3f", (v[m] + v[m + 1]) / 2) }'
}

# Prints one figure line of the bench contract.
bench_figure() {
  printf 'FIGURE\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4"
}

# CPU seconds (user + system) of one run of a command: on a shared machine it moves less than the
# wall time, which also counts the time spent waiting for a core.
bench_cpu() {
  local f rc=0
  f=$(mktemp)
  /usr/bin/time -f '%U %S' -o "$f" "$@" >/dev/null 2>&1 || rc=$?
  [ "$rc" -le 1 ] || { rm -f "$f"; echo "bench: exit $rc from: $*" >&2; return 1; }
  # time writes "Command exited with non-zero status 1" before the figures when the verdict is FAIL.
  tail -1 "$f" | awk '{ printf "%.2f\n", $1 + $2 }'
  rm -f "$f"
}

# Median CPU seconds of N runs of a command.
bench_cpu_median() {
  local n=$1 i
  shift
  for ((i = 0; i < n; i++)); do bench_cpu "$@" || return 1; done | bench_median_of_lines
}

# For the watch parts (they set work= to a folder holding the watch's timed output in log, and
# saves= to the number of saves of each kind).
# save FILE FROM TO: the text with FROM replaced by TO (perl, for the newlines), renamed over FILE;
# prints the time of the rename.
save() {
  FROM="$2" TO="$3" perl -0pe 's/\Q$ENV{FROM}\E/$ENV{TO}/; s{^// bench save \d+\n}{}m' "$1" >"$1.tmp~"
  # A rule file's text is new at every save, as an author's edits are: no compiled-rule cache entry
  # serves it, and the re-judge includes compiling that file.
  case "$1" in *.drl) echo "// bench save $(date +%s%N)" >>"$1.tmp~" ;; esac
  mv "$1.tmp~" "$1"
  date +%s%N
}

# seconds_to LOG LINE BEFORE START: waits (up to 30 s) until LOG (timed lines) holds LINE more than
# BEFORE times; prints the seconds from START (ns) to that line's time.
seconds_to() {
  local log=$1 line=$2 before=$3 start=$4 seen=""
  for _ in $(seq 1 6000); do
    if [ "$(grep -cF -- "$line" "$log" || true)" -gt "$before" ]; then
      seen=$(grep -F -- "$line" "$log" | tail -1 | cut -d' ' -f1)
      break
    fi
    sleep 0.005
  done
  [ -n "$seen" ] || { echo "no '$line' after a save" >&2; tail -5 "$log" >&2; return 1; }
  awk -v a="$start" -v b="$seen" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'
}

# measure FILE FROM TO EXPECT-FORWARD EXPECT-BACK: SAVES saves alternating FROM->TO and back; seconds each.
# With full_line set, after each save it also waits for that line in $work/errlog (the watch's stderr,
# timed as log is), and appends its seconds to $work/full.
measure() {
  local file=$1 from=$2 to=$3 fwd=$4 back=$5 i start expect before full_before=0
  for ((i = 0; i < saves; i++)); do
    if ((i % 2 == 0)); then expect=$fwd; else expect=$back; fi
    before=$(grep -cF -- "$expect" "$work/log" || true)
    [ -z "${full_line:-}" ] || full_before=$(grep -cF -- "$full_line" "$work/errlog" || true)
    if ((i % 2 == 0)); then start=$(save "$file" "$from" "$to"); else start=$(save "$file" "$to" "$from"); fi
    seconds_to "$work/log" "$expect" "$before" "$start" || return 1
    if [ -n "${full_line:-}" ]; then
      # The watch goes on checking in the background; the next save comes once that check is done,
      # as an author reads the result before editing again. Its time goes to $work/full.
      seconds_to "$work/errlog" "$full_line" "$full_before" "$start" >>"$work/full" || return 1
    fi
    sleep 0.3
  done
}
