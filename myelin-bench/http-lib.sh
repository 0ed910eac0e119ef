# shellcheck shell=bash
# What the HTTP scripts share (run-http.sh, run-ab.sh, statements-http.sh): the seed's sample order, the CPU
# time of a process and of a PostgreSQL server from /proc, and whether a pizzeria's async work is drained.
# Source it; it defines ORDER_BODY and functions, and runs nothing.

# The seed's sample order, cash, with a 10-digit phone (pizzeria.min-phone-length).
ORDER_BODY='{"customer_name": "John Doe", "customer_phone": "555-0123-45", "customer_address": "123 Pizza St", "pizza_items": [{"pizza_id": "margherita", "size": "large", "toppings": ["extra_cheese"], "special_instructions": "Extra crispy"}], "payment_method": "cash"}'

# Writes a wrk script that POSTs ORDER_BODY as JSON to the file given.
write_order_lua() {
    cat >"$1" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$ORDER_BODY'
LUA
}

# utime+stime of a process in clock ticks, plus cutime+cstime (its reaped children) when the second argument
# is 1; the command name in /proc/<pid>/stat is skipped up to its last ')'. 0 for a process gone.
ticks_of() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk -v kids="$2" '{t = $12 + $13; if (kids) t += $14 + $15; print t}' || echo 0; }

# The postmaster's pid of the PostgreSQL whose data directory is given; empty when it is not running.
postmaster_of() { head -1 "$1/postmaster.pid" 2>/dev/null || true; }

# CPU ticks of the PostgreSQL whose data directory is given: the postmaster and its children, reaped ones included.
pg_ticks_of() {
    local pm total=0 t p
    pm="$(postmaster_of "$1")"
    [[ -n "$pm" ]] || { echo 0; return; }
    for p in "$pm" $(ps -o pid= --ppid "$pm"); do
        t="$(ticks_of "$p" 1)"
        total=$((total + ${t:-0}))
    done
    echo "$total"
}

# Succeeds when the app at the base URL given has no outbox delivery pending and every projection is caught up
# (always for an app without them). Caught up is millisBehind = 0 (ProjectionLag: "0 when caught up");
# eventsBehind, head - checkpoint, is approximate on PostgreSQL and was seen to stay at 1.
async_drained() {
    local health
    health="$(curl -s -u manager:manager "$1/actuator/health")" || return 1
    jq -e '(.components.myelinOutbox.details.pending // 0) == 0
           and ([(.components.myelinProjections.details // {}) | to_entries[]
                 | select(.value | type == "object") | .value.millisBehind] | all(. == 0))' <<<"$health" >/dev/null
}
