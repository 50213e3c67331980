# zsh -f zsh_complete.zsh COMPDIR LINE
# Types LINE and Tab into an interactive zsh on a pseudo-terminal, with the
# completion function found in COMPDIR loaded by compinit, and prints the
# candidates completion offered, one per line. Exit 1 when completion did
# not finish within 15 s.
zmodload zsh/zpty
local compdir=$1 typed=$2
zpty z zsh -f -i
zpty -w z "fpath=(${(q)compdir} \$fpath); autoload -U compinit; compinit -u -D"
# Every compadd reports what it added; a hook run after completion marks the
# end. The markers are written as escapes so that the echoed input never
# contains them.
zpty -w z 'compadd() { if [[ " $* " == *" -"[OAD]" "* ]]; then builtin compadd "$@"; return; fi; local -a h; builtin compadd -A h "$@"; print -n -- ${h/#/$'"'"'\x3cHIT\x3e'"'"'}; builtin compadd "$@"; }'
zpty -w z '__done() { print -n -- $'"'"'\x3cEND\x3e'"'"'; }; comppostfuncs=(__done)'
zpty -n -w z "$typed"$'\t'
local line all='' deadline=$(( SECONDS + 15 ))
while (( SECONDS < deadline )) && [[ $all != *'<END>'* ]]; do
  if zpty -r -t z line; then all+=$line; else sleep 0.05; fi
done
zpty -d z
[[ $all == *'<END>'* ]] || { print -u2 "completion did not finish"; exit 1; }
all=${all%%'<END>'*}
local -a out
out=(${(s:<HIT>:)all})
print -rl -- ${(u)${out[2,-1]%%[[:space:]]#}}
