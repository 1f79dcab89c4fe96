# Sourced by scripts/test-phases.sh (npm test) and .ci/run.
# phase NAME BUDGET_SECONDS COMMAND…: runs the command, prints its time, checks the budget. A phase
# over its budget prints a warning; with CI_STRICT_BUDGETS=1 it fails the run.
# phase_start NAME BUDGET_SECONDS COMMAND… starts a phase beside others (its output kept aside);
# phases_wait GROUP BUDGET_SECONDS waits for them all, prints each one's output whole and in the
# order started, with its own time (taken while sharing the cores with the others) and budget, then
# the group's time. Phases that are mostly one thread (tsc, eslint) run together so both cores work.
phase_timings=()
phase_record() {
  local name=$1 budget=$2 took=$3
  phase_timings+=("$(printf '%-22s %5d s  (budget %4d s)%s' "$name" "$took" "$budget" "$([ "$took" -gt "$budget" ] && echo '  OVER')")")
  echo "=== phase: $name took ${took} s (budget ${budget} s)"
  if [ "$took" -gt "$budget" ]; then
    echo "WARNING: phase $name took ${took} s, over its budget of ${budget} s" >&2
    [ "${CI_STRICT_BUDGETS:-0}" = 1 ] && exit 1
  fi
  return 0
}
phase() {
  local name=$1 budget=$2
  shift 2
  local t0
  t0=$(date +%s)
  echo "=== phase: $name (budget ${budget} s)"
  "$@"
  phase_record "$name" "$budget" $(( $(date +%s) - t0 ))
}
phase_jobs=()
phase_dir=
phase_start() {
  local name=$1 budget=$2
  shift 2
  [ -n "$phase_dir" ] || phase_dir=$(mktemp -d "${TMPDIR:-/tmp}/rj-phases-XXXXXX")
  [ ${#phase_jobs[@]} -gt 0 ] || phase_group_t0=$(date +%s)
  (
    t0=$(date +%s)
    rc=0
    "$@" >"$phase_dir/$name.log" 2>&1 </dev/null || rc=$?
    echo "$rc $(( $(date +%s) - t0 ))" >"$phase_dir/$name.rc"
  ) &
  phase_jobs+=("$name $budget $!")
}
phases_wait() {
  local group=$1 group_budget=$2 job name budget pid rc took failed=()
  for job in "${phase_jobs[@]}"; do
    read -r name budget pid <<<"$job"
    wait "$pid" || true
    read -r rc took <"$phase_dir/$name.rc"
    echo "=== phase: $name (budget ${budget} s, beside the other $group phases)"
    cat "$phase_dir/$name.log"
    [ "$rc" = 0 ] || { echo "=== phase: $name FAILED (exit $rc)" >&2; failed+=("$name"); }
    phase_record "$name" "$budget" "$took"
  done
  phase_jobs=()
  rm -rf "$phase_dir"
  phase_dir=
  [ ${#failed[@]} -eq 0 ] || { echo "failed: ${failed[*]}" >&2; exit 1; }
  phase_record "$group (together)" "$group_budget" $(( $(date +%s) - phase_group_t0 ))
}
phase_report() {
  echo "phase times:"
  printf '  %s\n' "${phase_timings[@]}"
}
