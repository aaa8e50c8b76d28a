// Resolves the local `$ref`s (`#/…`) of an OpenAPI document in place of their targets, so that a
// differ can walk operations without following references itself. Recursive schemas become
// cyclic object graphs (the same object is reused), never infinite trees.

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are walked as plain JSON.
type Json = any;

/** A deep copy of `document` with every local `$ref` replaced by the value it points to. */
export function dereference(document: Json): Json {
  const resolved = new Map<string, Json>();

  const lookup = (ref: string): Json => {
    if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported, got ${ref}`);
    let node: Json = document;
    for (const raw of ref.slice(2).split("/")) {
      const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
      node = node?.[key];
      if (node === undefined) throw new Error(`Unresolved $ref ${ref}`);
    }
    return node;
  };

  const resolveRef = (ref: string): Json => {
    const cached = resolved.get(ref);
    if (cached) return cached;
    // Register the target before walking it, so that a cycle ends on the same object.
    const target: Json = {};
    resolved.set(ref, target);
    Object.assign(target, walk(lookup(ref)));
    return target;
  };

  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== "object") return node;
    if (typeof node.$ref === "string") {
      const target = resolveRef(node.$ref);
      // Siblings of $ref (3.1 allows `description` next to it) win over the target's own.
      const { $ref: _ignored, ...siblings } = node;
      return Object.keys(siblings).length === 0 ? target : { ...target, ...walk(siblings) };
    }
    const copy: Json = {};
    for (const [key, value] of Object.entries(node)) copy[key] = walk(value);
    return copy;
  };

  return walk(document);
}
