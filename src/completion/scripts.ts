/*
 * The completion scripts. Each is a thin shell function that hands the words typed so far to
 * `memoir __complete` and offers what it prints (`value` or `value<TAB>description` lines):
 * everything it knows lives in memoir, so the scripts never need regenerating.
 */

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

// bash: the words are split from the line up to the cursor (COMP_WORDS splits at "=" and ":");
// after "--flag=" bash replaces only what follows the "=", so that part is cut from each candidate
const BASH = `# memoir completion for bash: add to ~/.bashrc
#   source <(memoir completion bash)
_memoir_complete() {
  local line=\${COMP_LINE:0:COMP_POINT}
  local -a words
  read -ra words <<< "$line"
  [[ $line =~ [[:space:]]$ ]] && words+=("")
  local cur=\${words[\${#words[@]}-1]}
  local IFS=$'\\n'
  COMPREPLY=($(command memoir __complete "\${words[@]:1}" 2>/dev/null | cut -f1))
  if [[ $cur == *=* && $COMP_WORDBREAKS == *=* ]]; then
    COMPREPLY=("\${COMPREPLY[@]#"\${cur%=*}="}")
  fi
}
complete -F _memoir_complete memoir
`;

const ZSH = `#compdef memoir
# memoir completion for zsh: add to ~/.zshrc (after compinit)
#   source <(memoir completion zsh)
# or save it as _memoir in a directory of $fpath
_memoir() {
  local -a candidates
  local line value
  for line in "\${(@f)$(command memoir __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}"; do
    [[ -z $line ]] && continue
    value=\${line%%$'\\t'*}
    value=\${value//:/\\\\:}
    if [[ $line == *$'\\t'* ]]; then candidates+=("$value:\${line#*$'\\t'}"); else candidates+=("$value"); fi
  done
  _describe -t memoir memoir candidates
}
if [[ $funcstack[1] == _memoir ]]; then _memoir "$@"; else compdef _memoir memoir; fi
`;

const FISH = `# memoir completion for fish: save as ~/.config/fish/completions/memoir.fish
#   memoir completion fish > ~/.config/fish/completions/memoir.fish
function __memoir_complete
    set -l words (commandline -opc) (commandline -ct)
    command memoir __complete $words[2..-1] 2>/dev/null
end
complete -c memoir -f -a '(__memoir_complete)'
`;

export const COMPLETION_SCRIPTS: Readonly<Record<Shell, string>> = { bash: BASH, zsh: ZSH, fish: FISH };
