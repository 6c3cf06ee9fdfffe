import { Temporal } from 'temporal-polyfill';

// Instants are Temporal in the rules and Date at the driver edge.
export const toDate = (i: Temporal.Instant): Date => new Date(i.epochMilliseconds);
export const toInstant = (d: Date): Temporal.Instant => Temporal.Instant.fromEpochMilliseconds(d.getTime());
export const optInstant = (d: Date | null | undefined): Temporal.Instant | undefined => (d ? toInstant(d) : undefined);
