// A topology carried inside a link: the document as JSON, compressed with lz-string into characters that
// need no escaping in a URL. The page validates what comes out like any file (the engine's own checks).
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/** Links longer than this get cut by chat apps, mail clients and some servers; past it we say so. */
export const MAX_LINK_LENGTH = 32_000;

export type Packed = { readonly ok: true; readonly param: string } | { readonly ok: false; readonly message: string };

/** The `topo` parameter for a document, or why it cannot travel in a link. `base` is the rest of the URL. */
export function packTopology(doc: unknown, baseLength = 0): Packed {
  return packText(JSON.stringify(doc), baseLength);
}

/** `packTopology` for a document already written as JSON. */
export function packText(text: string, baseLength = 0): Packed {
  const param = compressToEncodedURIComponent(text);
  const length = baseLength + param.length + 6;
  if (length > MAX_LINK_LENGTH) {
    return {
      ok: false,
      message: `This topology is too large for a link (${length.toLocaleString('en')} characters; links longer than ${MAX_LINK_LENGTH.toLocaleString('en')} get cut). Use "Export topology" and share the file instead.`,
    };
  }
  return { ok: true, param };
}

export type Unpacked = { readonly ok: true; readonly doc: unknown } | { readonly ok: false; readonly message: string };

export function unpackTopology(param: string): Unpacked {
  const broken = 'The link\'s "topo" parameter does not hold a topology (it was cut or changed). Ask for the link again, or load the topology from a file.';
  let text: string | null;
  try {
    text = decompressFromEncodedURIComponent(param);
  } catch {
    return { ok: false, message: broken };
  }
  if (!text) return { ok: false, message: broken };
  try {
    return { ok: true, doc: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: broken };
  }
}
