import { CHANNEL_EVIDENCE, CLOSURE_ACTION_BODIES, type Channel, type ClosureAction } from '@closure-desk/shared';
import type { RaRecord } from 'react-admin';
import { localToday } from '../../common/today';

/**
 * What each action's dialog asks for, read from the shared zod body schemas
 * (`CLOSURE_ACTION_BODIES`): every key but `version` is a field, required unless the schema
 * accepts it missing, with the schema's choices for enums. The client adds no rule of its own.
 */
interface SchemaField {
  safeParse(value: unknown): { success: boolean };
  options?: readonly string[];
}

interface ObjectSchema {
  shape: Record<string, SchemaField>;
  safeParse(value: unknown):
    | { success: true; data: Record<string, unknown> }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

export type FieldName = 'assigneeId' | 'message' | 'note' | 'method' | 'balanceDecision' | 'effectiveDate' | 'reasonCode';

export interface ActionField {
  name: FieldName;
  required: boolean;
  options?: readonly string[];
}

export type FieldValues = Partial<Record<FieldName, string | number>>;

const schemaOf = (action: ClosureAction) => CLOSURE_ACTION_BODIES[action] as unknown as ObjectSchema;

export function actionFields(action: ClosureAction): ActionField[] {
  return Object.entries(schemaOf(action).shape)
    .filter(([name]) => name !== 'version')
    .map(([name, field]) => ({
      name: name as FieldName,
      required: !field.safeParse(undefined).success,
      options: Array.isArray(field.options) ? field.options : undefined,
    }));
}

/** Starting values: the channel's identity evidence, today as the effective date, blanks elsewhere. */
export function initialValues(action: ClosureAction, request: RaRecord): FieldValues {
  const values: FieldValues = {};
  for (const field of actionFields(action)) {
    if (field.name === 'method') values.method = CHANNEL_EVIDENCE[request.channel as Channel] ?? '';
    else if (field.name === 'effectiveDate') values.effectiveDate = localToday();
    else values[field.name] = '';
  }
  return values;
}

export type Validation =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; errors: Partial<Record<FieldName, string>> };

/**
 * The body to send, checked with the shared schema before it leaves: blank inputs count as
 * missing, and an error names the field it belongs to (`required` when the input is empty).
 */
export function validateAction(
  action: ClosureAction,
  version: number,
  values: FieldValues,
  translate: (key: string) => string,
): Validation {
  const body: Record<string, unknown> = { version };
  for (const [name, value] of Object.entries(values)) {
    if (value !== '' && value !== undefined) body[name] = value;
  }
  const result = schemaOf(action).safeParse(body);
  const errors: Partial<Record<FieldName, string>> = {};
  // What the server would refuse, refused here first: approval with a past effective date.
  if (action === 'approve' && typeof body.effectiveDate === 'string' && body.effectiveDate < localToday()) {
    errors.effectiveDate = translate('app.action_fields.date_past');
  }
  if (result.success) return Object.keys(errors).length ? { ok: false, errors } : { ok: true, body: result.data };
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? '') as FieldName;
    if (!name || errors[name]) continue;
    errors[name] = body[name] === undefined ? translate('ra.validation.required') : issue.message;
  }
  return { ok: false, errors };
}
