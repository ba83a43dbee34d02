import { serializerCompiler } from 'fastify-type-provider-zod';

type SerializerCompiler = typeof serializerCompiler;

/** Responses declared immutable, with their JSON text per response schema once serialized. */
const immutable = new WeakMap<object, Map<unknown, string>>();

/**
 * Declares a response body immutable: the server serializes it (zod encode + JSON.stringify) once per
 * route schema and sends the same text every time it is returned again. For bodies that stay the same across
 * many requests (the risk limits between changes, the health report within its tenth of a second), so a
 * cheap read costs no serialization. The object is frozen: changing it later would be a bug.
 */
export function immutableResponse<T extends object>(value: T): T {
  if (!immutable.has(value)) immutable.set(Object.freeze(value), new Map());
  return value;
}

/** The zod serializer compiler, answering immutable responses from their cached text. */
export const cachingSerializerCompiler: SerializerCompiler = (route) => {
  const serialize = serializerCompiler(route);
  return (data: unknown) => {
    const cache = typeof data === 'object' && data !== null ? immutable.get(data) : undefined;
    if (cache === undefined) return serialize(data);
    let text = cache.get(route.schema);
    if (text === undefined) cache.set(route.schema, (text = serialize(data)));
    return text;
  };
};
