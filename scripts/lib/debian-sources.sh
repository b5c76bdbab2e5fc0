# Sourced by scripts that need the machine's Debian mirror (kube-testenv: the kubernetes source package;
# kube-cluster: debootstrap of the base image). No host name is written into the project: the mirror comes from
# the machine's own /etc/apt configuration.

# Every Debian "deb" source of the machine for a bookworm suite, as "URI SUITE" lines (one-line .list files and
# deb822 .sources files). Disabled files (other suffixes) and comments are ignored.
machine_debian_sources() {
  local f
  shopt -s nullglob
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    # deb [options] URI SUITE COMPONENTS...
    sed -e '/^[[:space:]]*#/d' -e 's/[[:space:]]#.*//' "$f" | awk '$1=="deb" {
        i=2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
        uri=$i; suite=$(i+1); comps=""; for (j=i+2; j<=NF; j++) comps=comps" "$j
        if (suite ~ /^bookworm/ && comps ~ / main( |$)/) print uri, suite }'
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # deb822 stanzas separated by blank lines; fields Types, URIs, Suites, Components, Enabled
    # comment-only lines are dropped, not blanked: a blank line would end the stanza
    sed -e '/^[[:space:]]*#/d' -e 's/[[:space:]]#.*//' "$f" | awk '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && comps ~ /(^| )main( |$)/ && enabled != "no") {
          nu=split(uris, u, " "); ns=split(suites, s, " ")
          for (a=1; a<=nu; a++) for (b=1; b<=ns; b++) if (s[b] ~ /^bookworm/) print u[a], s[b]
        }
        types=""; uris=""; suites=""; comps=""; enabled=""
      }
      /^[[:space:]]*$/ { flush(); next }
      { line=$0; key=line; sub(/:.*/, "", key); val=line; sub(/^[^:]*:[[:space:]]*/, "", val)
        if (key=="Types") types=val; else if (key=="URIs") uris=val; else if (key=="Suites") suites=val;
        else if (key=="Components") comps=val; else if (key=="Enabled") enabled=tolower(val) }
      END { flush() }'
  done
  shopt -u nullglob
}

# The first Debian mirror URI of the machine for bookworm (for debootstrap).
machine_debian_mirror() {
  machine_debian_sources | awk '$2 == "bookworm" { print $1; exit }'
}
