import { describe, expect, it } from 'vitest';
import { ApiProblem, describeProblem, problemFromResponse, splitProblems, toProblem } from './errors';
import { nb, nn } from './i18n';

describe('error mapping', () => {
  it('reads the API error body: message, code, request id, reason and problems', () => {
    const p = problemFromResponse(422, {
      error: {
        code: 'DELAY_REASON_REQUIRED',
        message: 'Fristen er passert. Skriv hvorfor.',
        requestId: 'r-1',
        reason: 'DELAY_REASON_REQUIRED',
        problems: [{ field: 'delayReason', code: 'DELAY_REASON_REQUIRED', message: 'Skriv en begrunnelse.' }],
      },
    });
    expect(p).toBeInstanceOf(ApiProblem);
    expect(p).toMatchObject({ status: 422, code: 'DELAY_REASON_REQUIRED', message: 'Fristen er passert. Skriv hvorfor.', requestId: 'r-1', reason: 'DELAY_REASON_REQUIRED' });
    expect(p.problems).toEqual([{ field: 'delayReason', message: 'Skriv en begrunnelse.' }]);
  });

  it("shows the API's message verbatim, in any language setting", () => {
    const p = problemFromResponse(409, { error: { code: 'TRANSITION_REFUSED', message: 'Eleven må være hørt før undersøkelsen avsluttes.', requestId: 'x' } });
    expect(describeProblem(p, nb)).toBe('Eleven må være hørt før undersøkelsen avsluttes.');
    expect(describeProblem(p, nn)).toBe('Eleven må være hørt før undersøkelsen avsluttes.');
  });

  it('gives our own words when there is no API body: proxy pages, network failures, garbage', () => {
    const proxy = problemFromResponse(502, '<html>Bad gateway</html>');
    expect(proxy.code).toBe('NETWORK');
    expect(describeProblem(proxy, nb)).toBe(nb.errorNetwork);
    expect(describeProblem(problemFromResponse(500, null), nn)).toBe(nn.errorUnknown);
    expect(describeProblem(problemFromResponse(400, { error: 'nope' }), nb)).toBe(nb.errorUnknown);
    expect(describeProblem(toProblem(new TypeError('Failed to fetch')), nb)).toBe(nb.errorNetwork);
    expect(describeProblem(toProblem(new Error('x')), nb)).toBe(nb.errorUnknown);
    expect(describeProblem(new ApiProblem(200, 'BAD_RESPONSE', ''), nb)).toBe(nb.errorBadResponse);
  });

  it('drops malformed problems but keeps the rest', () => {
    const p = problemFromResponse(400, {
      error: { code: 'VALIDATION_FAILED', message: 'Noe er feil.', requestId: '', problems: [null, { field: 1, message: 'uten felt' }, { field: 'pupilId' }, 'x'] },
    });
    expect(p.problems).toEqual([{ field: '', message: 'uten felt' }]);
    expect(p.requestId).toBeUndefined();
  });

  it('puts each problem next to its field, and the rest in the summary', () => {
    const p = new ApiProblem(400, 'VALIDATION_FAILED', 'Noe er feil i det som ble sendt inn.', [
      { field: 'pupilId', message: 'Fant ikke eleven.' },
      { field: 'intervention', message: 'Skriv kort hvordan det ble grepet inn.' },
      { field: 'intervention', message: 'Høyst 2000 tegn.' },
      { field: 'reasons.0', message: 'Tom.' },
      { field: 'schoolId', message: 'Fant ikke skolen.' },
      { field: '', message: 'Ugyldig JSON.' },
    ]);
    const { byField, other } = splitProblems(p, ['pupilId', 'intervention', 'reasons']);
    expect(byField).toEqual({
      pupilId: ['Fant ikke eleven.'],
      intervention: ['Skriv kort hvordan det ble grepet inn.', 'Høyst 2000 tegn.'],
      reasons: ['Tom.'],
    });
    expect(other.map((o) => o.message)).toEqual(['Fant ikke skolen.', 'Ugyldig JSON.']);
    expect(splitProblems(null, ['x'])).toEqual({ byField: {}, other: [] });
  });
});
