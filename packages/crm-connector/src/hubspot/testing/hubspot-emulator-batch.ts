import type { EmulatorRequest, EmulatorResponse } from "@omnibridge/connector-kit/testing";
import { errorBody, objectTypeName, type HubSpotStore, type StoredObject } from "./hubspot-emulator-store";
import { storedValues, validateProperties, type PropertyProblem } from "./hubspot-emulator-validate";

/** Batch endpoints take at most 100 inputs. https://developers.hubspot.com/docs/guides/crm/using-object-apis */
export const BATCH_MAX = 100;

type Input = { id?: unknown; idProperty?: unknown; objectWriteTraceId?: unknown; properties?: unknown };
type Outcome = { result: Record<string, unknown> } | { error: Record<string, unknown> };

/** The wire form of a record with the requested (or all) properties. */
export function present(record: StoredObject, properties?: string[]): Record<string, unknown> {
  const picked = properties?.length
    ? Object.fromEntries([...new Set([...properties, "hs_object_id", "createdate"])].map((name) => [name, record.properties[name] ?? null]))
    : { ...record.properties };
  return {
    id: record.id, properties: picked, createdAt: record.createdAt, updatedAt: record.updatedAt, archived: record.archived,
    ...(record.archivedAt ? { archivedAt: record.archivedAt } : {}),
  };
}

function inputError(input: Input, problems: PropertyProblem[] | string, category = "VALIDATION_ERROR"): Outcome {
  // Errors name their input by the ids in `context` (the batch create opt-in names it by its trace id).
  const context: Record<string, string[]> = {};
  if (input.id != null) context.id = [String(input.id)];
  else if (typeof input.objectWriteTraceId === "string") context.objectWriteTraceId = [input.objectWriteTraceId];
  const errors = typeof problems === "string" ? [] : problems.map((p) => ({ ...p, context: { propertyName: [p.in] } }));
  const message = typeof problems === "string" ? problems : `Property values were not valid: ${JSON.stringify(problems.map((p) => ({ isValid: false, message: p.message, error: p.code, name: p.in })))}`;
  return { error: { status: "error", category, message, context, errors, links: {} } };
}

/** The batch envelope: 200/201 when all inputs succeeded, 207 MULTI_STATUS with `errors` otherwise. */
function envelope(outcomes: Outcome[], okStatus: number): EmulatorResponse {
  const now = new Date().toISOString();
  const results = outcomes.flatMap((o) => ("result" in o ? [o.result] : []));
  const errors = outcomes.flatMap((o) => ("error" in o ? [o.error] : []));
  const body: Record<string, unknown> = { status: "COMPLETE", results, requestedAt: now, startedAt: now, completedAt: now };
  if (errors.length) Object.assign(body, { errors, numErrors: errors.length });
  return { status: errors.length ? 207 : okStatus, body };
}

function readInputs(request: EmulatorRequest): Input[] | EmulatorResponse {
  const inputs = (request.body as { inputs?: unknown } | undefined)?.inputs;
  if (!Array.isArray(inputs)) return { status: 400, body: errorBody("VALIDATION_ERROR", "Invalid input JSON: inputs is required") };
  if (inputs.length > BATCH_MAX) return { status: 400, body: errorBody("VALIDATION_ERROR", `Batch input too large: ${inputs.length} inputs, the limit is ${BATCH_MAX}`) };
  return inputs as Input[];
}

function upsertOne(store: HubSpotStore, objectType: string, input: Input): Outcome {
  const idProperty = typeof input.idProperty === "string" ? input.idProperty : "";
  if (!input.id || !idProperty) return inputError(input, "id and idProperty are required for upsert");
  if (!store.property(objectType, idProperty)?.hasUniqueValue) return inputError(input, `${idProperty} is not a unique property`);
  const existing = store.findBy(objectType, idProperty, String(input.id));
  const properties = { ...(input.properties as Record<string, unknown>), [idProperty]: String(input.id) };
  const problems = validateProperties(store, objectType, properties, existing?.id);
  if (problems.length) return inputError(input, problems);
  const record = store.put(objectType, existing?.id, storedValues(store, objectType, properties));
  // HubSpot's documented upsert answers do not echo `objectWriteTraceId`: clients match by the id property's value.
  return { result: { ...present(record), new: !existing } };
}

/** `POST /crm/v3/objects/{type}/batch/{read|create|update|upsert}`. */
export function batchHandler(store: HubSpotStore, action: string) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const objectType = objectTypeName(request.params.objectType!);
    if (!store.properties[objectType]) return { status: 400, body: errorBody("VALIDATION_ERROR", `Unable to infer object type from: ${request.params.objectType}`) };
    const inputs = readInputs(request);
    if (!Array.isArray(inputs)) return inputs;
    const body = request.body as { properties?: string[]; idProperty?: string };
    if (action === "read") {
      return envelope(inputs.map((input) => {
        const id = String(input.id ?? "");
        const record = body.idProperty ? store.findBy(objectType, body.idProperty, id) : store.type(objectType).get(id);
        return record && !record.archived ? { result: present(record, body.properties) } : inputError(input, `Could not get some ${objectType} objects, they may be deleted or not exist.`, "OBJECT_NOT_FOUND");
      }), 200);
    }
    if (action === "upsert") {
      // HubSpot refuses the whole batch when an id repeats within it.
      const ids = inputs.map((input) => String(input.id ?? "").toLowerCase());
      const repeated = ids.filter((id, i) => id && ids.indexOf(id) !== i);
      if (repeated.length) return { status: 400, body: errorBody("VALIDATION_ERROR", `Duplicate IDs found in batch input: [${[...new Set(repeated)].join(", ")}]. IDs must be unique`) };
      return envelope(inputs.map((input) => upsertOne(store, objectType, input)), 200);
    }
    return envelope(inputs.map((input) => {
      const existing = action === "update" ? store.type(objectType).get(String(input.id ?? "")) : undefined;
      if (action === "update" && !existing) return inputError(input, `Object ${String(input.id)} not found`, "OBJECT_NOT_FOUND");
      const problems = validateProperties(store, objectType, input.properties, existing?.id);
      if (problems.length) return inputError(input, problems);
      const record = store.put(objectType, existing?.id, storedValues(store, objectType, input.properties as Record<string, unknown>));
      return { result: present(record) };
    }), action === "create" ? 201 : 200);
  };
}
