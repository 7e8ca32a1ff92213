# Sourced by ./bnn4j and .ci/run: finds the JDK that runs bnn4j's Vector API kernel (JDK 21+).

# The feature version of the JDK in directory $1 (from its release file), or nothing.
bnn4j_jdk_major() {
    [[ -x "$1/bin/java" && -f "$1/release" ]] || return 0
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

# The newest JDK >= 21 under /usr/lib/jvm (a directory with bin/javac), or nothing.
bnn4j_newest_jdk() {
    local best="" best_major=0 dir major
    for dir in /usr/lib/jvm/*; do
        [[ -x "$dir/bin/javac" ]] || continue
        major=$(bnn4j_jdk_major "$dir")
        if [[ -n "$major" && "$major" -ge 21 && "$major" -gt "$best_major" ]]; then
            best="$dir" best_major="$major"
        fi
    done
    echo "$best"
}

# The JDK for running bnn4j: JAVA_HOME if it is 21+, else the newest 21+ under /usr/lib/jvm, else JAVA_HOME
# (or nothing: the java on PATH). BNN4J_JDK, when set, wins.
bnn4j_run_jdk() {
    if [[ -n "${BNN4J_JDK:-}" ]]; then echo "$BNN4J_JDK"; return; fi
    local major
    if [[ -n "${JAVA_HOME:-}" ]]; then
        major=$(bnn4j_jdk_major "$JAVA_HOME")
        if [[ -n "$major" && "$major" -ge 21 ]]; then echo "$JAVA_HOME"; return; fi
    fi
    local newest
    newest=$(bnn4j_newest_jdk)
    echo "${newest:-${JAVA_HOME:-}}"
}
