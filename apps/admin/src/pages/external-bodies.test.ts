import { describe, expect, it } from 'vitest';
import { recordExternalBody } from '@trygg/contracts';
import { nb, nn } from '../i18n';
import { externalBodyKindLabel, pupilLabel } from '../labels';
import { EXTERNAL_BODY_KINDS, emptyExternalBody, externalBodyBody } from './ExternalBodiesSection';

describe('external bodies form', () => {
  it('sends what the API takes, leaving empty fields out so the API names them', () => {
    const body = externalBodyBody({ kind: 'other', name: '  Familievernkontoret ', involvement: 'Foreldrene har fått time.', contactedOn: '2026-04-14', concernsOtherPupils: false });
    expect(body).toEqual({ kind: 'other', name: 'Familievernkontoret', involvement: 'Foreldrene har fått time.', contactedOn: '2026-04-14', concernsOtherPupils: false });
    expect(recordExternalBody.safeParse(body).success).toBe(true);

    const empty = externalBodyBody(emptyExternalBody());
    expect(empty).toEqual({ involvement: '', concernsOtherPupils: false });
    const refused = recordExternalBody.safeParse(empty);
    expect(refused.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['contactedOn', 'involvement', 'kind']);
  });

  it("asks for the name of an 'other' body", () => {
    const refused = recordExternalBody.safeParse(externalBodyBody({ ...emptyExternalBody(), kind: 'other', involvement: 'Noe.', contactedOn: '2026-04-14' }));
    expect(refused.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['name', 'Skriv navnet på instansen når du velger «annen».']]);
  });

  it('names every kind the API knows, in Bokmål and Nynorsk', () => {
    expect([...EXTERNAL_BODY_KINDS].sort()).toEqual([...recordExternalBody.shape.kind.options].sort());
    for (const kind of EXTERNAL_BODY_KINDS) {
      expect(externalBodyKindLabel(nb, kind)).not.toBe(kind);
      expect(externalBodyKindLabel(nn, kind)).not.toBe(kind);
    }
    expect(externalBodyKindLabel(nb, 'school_health')).toBe('Helsesykepleier (skolehelsetjenesten)');
    expect(externalBodyKindLabel(nn, 'school_health')).toBe('Helsesjukepleiar (skulehelsetenesta)');
  });

  it('shows the class next to a pupil when the import gave one', () => {
    expect(pupilLabel({ name: 'Nora Nilsen', birthYear: 2015, className: '5A' })).toBe('Nora Nilsen (5A, 2015)');
    expect(pupilLabel({ name: 'Nora Nilsen', birthYear: 2015, className: null })).toBe('Nora Nilsen (2015)');
  });
});
