# Sourced by scripts/test-phases.sh (npm test) and .ci/run.
# phase NAME BUDGET_SECONDS COMMAND…: runs the command, prints its time, checks the budget. A phase
# over its budget prints a warning; with CI_STRICT_BUDGETS=1 it fails the run.
phase_timings=()
phase() {
  local name=$1 budget=$2
  shift 2
  local t0
  t0=$(date +%s)
  echo "=== phase: $name (budget ${budget} s)"
  "$@"
  local took=$(( $(date +%s) - t0 ))
  phase_timings+=("$(printf '%-22s %5d s  (budget %4d s)%s' "$name" "$took" "$budget" "$([ "$took" -gt "$budget" ] && echo '  OVER')")")
  echo "=== phase: $name took ${took} s (budget ${budget} s)"
  if [ "$took" -gt "$budget" ]; then
    echo "WARNING: phase $name took ${took} s, over its budget of ${budget} s" >&2
    [ "${CI_STRICT_BUDGETS:-0}" = 1 ] && exit 1
  fi
  return 0
}
phase_report() {
  echo "phase times:"
  printf '  %s\n' "${phase_timings[@]}"
}
