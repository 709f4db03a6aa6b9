// A network's title as the diagram sets it.

/**
 * A network's title and the alias in brackets at its end ('Management 192.168.100.0/24 ("vEthernet 1001")'),
 * apart: zoomed out, a network above the switch shows its alias only once the user zooms in, as the other
 * details wait (styles.css), so its title ends before the BGP speakers' arcs rise through its band.
 */
export function splitAlias(label: string): readonly [string, string | undefined] {
  const m = /^(.*\S)\s+(\([^()]*\))$/.exec(label);
  return m ? [m[1]!, m[2]!] : [label, undefined];
}
