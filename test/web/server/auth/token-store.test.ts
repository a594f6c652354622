import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../../warehouse/database.ts';
import { hashSecret, parseToken, secretMatches } from '../../../../web/server/auth/api-token.ts';
import { createToken, listTokens, revokeToken, verifyToken } from '../../../../web/server/auth/token-store.ts';

let w: Warehouse;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  await w.db.run(`INSERT INTO teams VALUES ('after-sales', '售后', 'After-sales', 'default'), ('billing', '账单', 'Billing', 'default')`);
});
afterEach(() => w.close());

describe('token format', () => {
  it('parses only dp_<12 hex>_<43 base64url> and matches secrets by their digest', async () => {
    const { token } = await createToken(w.db, { role: 'manager', createdBy: 'test' });
    const parts = parseToken(token)!;
    expect(token).toBe(`dp_${parts.tokenId}_${parts.secret}`);
    expect(parseToken(`${token}x`)).toBeNull();
    expect(parseToken(token.replace('dp_', 'xx_'))).toBeNull();
    expect(parseToken("dp_' OR 1=1 --_aaaa")).toBeNull();
    expect(secretMatches(parts.secret, hashSecret(parts.secret))).toBe(true);
    expect(secretMatches(`${parts.secret.slice(0, -1)}A`, hashSecret(parts.secret))).toBe(parts.secret.endsWith('A'));
    expect(secretMatches(parts.secret, 'abcd')).toBe(false);
  });
});

describe('token store', () => {
  it('creates tokens whose principal carries the role, and teams only for team leads', async () => {
    const lead = await createToken(w.db, { role: 'team_lead', teams: ['billing', 'after-sales', 'billing'], name: '王芳', createdBy: 'cli:test' });
    expect(lead.info).toMatchObject({ role: 'team_lead', teams: ['billing', 'after-sales'], name: '王芳', createdBy: 'cli:test', revokedAt: null });
    expect(await verifyToken(w.db, lead.token)).toEqual({ ok: true, principal: { role: 'team_lead', teams: ['billing', 'after-sales'], tokenId: lead.info.tokenId } });
    const planner = await createToken(w.db, { role: 'planner', createdBy: 'cli:test' });
    expect(await verifyToken(w.db, planner.token)).toMatchObject({ ok: true, principal: { role: 'planner', teams: null } });
    expect(planner.info.name).toBe('planner token');
  });

  it('refuses unknown roles and teams with the valid ones listed', async () => {
    await expect(createToken(w.db, { role: 'root', createdBy: 't' })).rejects.toThrow(/unknown role "root"; use one of admin, manager, team_lead, planner, ingest/);
    await expect(createToken(w.db, { role: 'team_lead', createdBy: 't' })).rejects.toThrow(/at least one --team \(teams: after-sales, billing\)/);
    await expect(createToken(w.db, { role: 'team_lead', teams: ['sales'], createdBy: 't' })).rejects.toThrow(/unknown team "sales"; teams in the config: after-sales, billing/);
    await expect(createToken(w.db, { role: 'manager', teams: ['billing'], createdBy: 't' })).rejects.toThrow(/only team_lead tokens/);
    expect(await listTokens(w.db)).toEqual([]);
  });

  it('lists without secrets, revokes idempotently, and tells unknown, malformed and revoked apart', async () => {
    const a = await createToken(w.db, { role: 'admin', createdBy: 't' });
    const b = await createToken(w.db, { role: 'ingest', createdBy: 't' });
    const listed = await listTokens(w.db);
    expect(listed.map((t) => t.tokenId).sort()).toEqual([a.info.tokenId, b.info.tokenId].sort());
    expect(JSON.stringify(listed)).not.toContain(parseToken(a.token)!.secret);
    const revoked = await revokeToken(w.db, b.info.tokenId);
    expect(revoked.revokedAt).not.toBeNull();
    expect((await revokeToken(w.db, b.info.tokenId)).revokedAt).toBe(revoked.revokedAt);
    expect(await verifyToken(w.db, b.token)).toEqual({ ok: false, reason: 'revoked', tokenId: b.info.tokenId, revokedAt: revoked.revokedAt });
    expect(await verifyToken(w.db, 'nonsense')).toEqual({ ok: false, reason: 'malformed' });
    // Right id, wrong secret: as unknown as a token that never existed.
    const forged = `dp_${a.info.tokenId}_${'A'.repeat(43)}`;
    expect(await verifyToken(w.db, forged)).toEqual({ ok: false, reason: 'unknown' });
    await expect(revokeToken(w.db, 'feedfeedfeed')).rejects.toThrow(/no token with id "feedfeedfeed"; known ids: /);
  });

  it('records when a token was last used', async () => {
    const a = await createToken(w.db, { role: 'admin', createdBy: 't' });
    expect(a.info.lastUsedAt).toBeNull();
    await verifyToken(w.db, a.token);
    expect((await listTokens(w.db))[0]!.lastUsedAt).not.toBeNull();
  });
});
