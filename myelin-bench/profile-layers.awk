# Reads async-profiler's collapsed stacks ("root;...;leaf count" per line) and prints the share of the
# samples (CPU samples, or allocated bytes) per layer, used by profile-http.sh.
#
# Self: each stack is charged to the layer of its innermost frame that is neither the JDK nor the JVM (so a
# HashMap.get called by Spring Security counts for Spring Security); stacks with no such frame are "JVM, JDK
# only" (GC, JIT compiler and other JVM threads, or code reached with no library frame between).
# Inclusive: the share of stacks that pass through a frame of each marker (a stack counts once per marker);
# and Myelin's web layer's own work (its filters, interceptor and result mapping, without the rest of the chain).
function layer(frame) {
    if (frame ~ /^(org[.\/]apache[.\/](tomcat|catalina|coyote))/) return "Tomcat (HTTP)"
    if (frame ~ /^org[.\/]springframework[.\/]security/) return "Spring Security"
    if (frame ~ /^org[.\/]springframework[.\/](web|http)/ || frame ~ /^jakarta[.\/]servlet/) return "Spring MVC, web filters"
    if (frame ~ /^org[.\/]springframework[.\/](boot|context|core|beans|aop|util)/) return "Spring Boot, core"
    if (frame ~ /^org[.\/]springframework[.\/](jdbc|transaction|dao)/) return "Spring JDBC, transactions"
    if (frame ~ /^(tools|com)[.\/](jackson|fasterxml)/) return "Jackson"
    if (frame ~ /^io[.\/]micrometer/) return "Micrometer"
    if (frame ~ /^com[.\/]github[.\/]benmanes[.\/]caffeine/) return "Caffeine"
    if (frame ~ /^dev[.\/]myelin[.\/]examples/) return "pizzeria code"
    if (frame ~ /^dev[.\/]myelin[.\/]bench[.\/]baseline/) return "baseline code"
    if (frame ~ /^dev[.\/]myelin/) return "Myelin"
    if (frame ~ /^(org[.\/]postgresql|com[.\/]zaxxer)/) return "JDBC driver, pool"
    if (frame ~ /^(org[.\/]slf4j|ch[.\/]qos[.\/]logback)/) return "logging"
    if (frame ~ /^(org[.\/]hibernate|jakarta[.\/]validation)/) return "Bean Validation"
    if (frame ~ /^(java|javax|jdk|sun|com[.\/]sun)[.\/]/) return ""
    if (frame ~ /^[a-z]+[a-z0-9_]*\/[a-zA-Z0-9_$]+\//) return "other libraries"
    return ""
}
BEGIN {
    nm = split("Mediator send|dev[.\\/]myelin[.\\/](core|spring)[.\\/].*[.\\/](SpringMediator|DefaultMediator|Mediator[A-Za-z]*)[.]send;" \
        "ObservationBehavior|ObservationBehavior[.]handle;TimerBehavior|TimerBehavior[.]handle;" \
        "LoggingBehavior|LoggingBehavior[.]handle;" \
        "ValidationBehavior|ValidationBehavior[.]handle;AuthorizationBehavior|AuthorizationBehavior[.]handle;" \
        "CachingBehavior|CachingBehavior[.]handle;pizzeria behaviors|examples[.\\/]pizzeria[.\\/].*Behavior[.]handle;" \
        "query handler (cache miss)|Handler[.]handle$;ControllerBase.process|ControllerBase[.]process;" \
        "Jackson write|(tools|com)[.\\/](jackson|fasterxml)[.\\/].*[.]write;" \
        "Spring Security filters|FilterChainProxy[.]doFilter;" \
        "HTTP observation filter|ServerHttpObservationFilter[.]doFilterInternal", defs, ";")
    for (i = 1; i <= nm; i++) {
        split(defs[i], kv, "|")
        mname[i] = kv[1]
        mre[i] = substr(defs[i], length(kv[1]) + 2)
    }
}
{
    count = $NF
    stack = $0
    sub(/ [0-9]+$/, "", stack)
    n = split(stack, frames, ";")
    who = ""
    for (i = n; i >= 1 && who == ""; i--) {
        f = frames[i]
        sub(/_\[[a-z0-9]\]$/, "", f)
        who = layer(f)
    }
    if (who == "") who = "JVM, JDK, kernel"
    # Micrometer's own work, by the layer that called it (its nearest caller neither Micrometer nor the JDK).
    if (who == "Micrometer") {
        caller = ""
        for (j = i; j >= 1 && caller == ""; j--) {
            g = frames[j]
            sub(/_\[[a-z0-9]\]$/, "", g)
            l = layer(g)
            if (l != "" && l != "Micrometer") caller = l
        }
        micrometer[caller == "" ? "(none)" : caller] += count
    }
    self[who] += count
    total += count
    # Myelin's web layer (filters, interceptor, result mapping), its own work only: the stacks whose
    # innermost Myelin web frame is the leaf or calls anything but the rest of the filter chain.
    web = 0
    for (i = n; i >= 1 && !web; i--) if (frames[i] ~ /^dev[.\/]myelin[.\/]spring[.\/]boot[.\/](web|startup)[.\/]/) web = i
    if (web && (web == n || frames[web + 1] !~ /FilterChain[^;]*[.]doFilter/)) webOwn += count
    for (m = 1; m <= nm; m++) {
        for (i = 1; i <= n; i++) {
            f = frames[i]
            sub(/_\[[a-z0-9]\]$/, "", f)
            if (f ~ mre[m]) { incl[m] += count; break }
        }
    }
}
END {
    if (total == 0) { print "no samples"; exit }
    # With -v requests=N (wrk's count) and -v unit=ns or bytes: the layer's cost per request too.
    per = requests > 0 ? requests : 0
    printf "%-34s %8s %16s %14s\n", "self, by layer", "share", "total " unit, (per ? unit " per request" : "")
    nk = 0
    for (k in self) keys[++nk] = k
    for (i = 1; i <= nk; i++) for (j = i + 1; j <= nk; j++) if (self[keys[j]] > self[keys[i]]) { t = keys[i]; keys[i] = keys[j]; keys[j] = t }
    for (i = 1; i <= nk; i++) printf "%-34s %7.1f%% %16.0f %14s\n", keys[i], 100 * self[keys[i]] / total, self[keys[i]],
        (per ? sprintf("%.0f", self[keys[i]] / per) : "")
    printf "%-34s %7.1f%% %16.0f %14s\n", "total", 100, total, (per ? sprintf("%.0f", total / per) : "")
    print ""
    printf "%-34s %8s %16s %14s\n", "Micrometer (self), called by", "share", "", (per ? unit " per request" : "")
    for (k in micrometer) printf "%-34s %7.1f%% %16s %14s\n", "  " k, 100 * micrometer[k] / total, "",
        (per ? sprintf("%.0f", micrometer[k] / per) : "")
    print ""
    printf "%-34s %8s %16s %14s\n", "inclusive, through", "share", "", (per ? unit " per request" : "")
    printf "%-34s %7.1f%% %16s %14s\n", "Myelin web layer, own work", 100 * webOwn / total, "",
        (per ? sprintf("%.0f", webOwn / per) : "")
    for (m = 1; m <= nm; m++) printf "%-34s %7.1f%% %16s %14s\n", mname[m], 100 * incl[m] / total, "",
        (per ? sprintf("%.0f", incl[m] / per) : "")
}
