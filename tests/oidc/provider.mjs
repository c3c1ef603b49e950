// A real OpenID Connect provider for the tests (the certified `oidc-provider`
// package), listening on 127.0.0.1 only. Started and stopped by the pytest
// fixture in tests/oidc/fixtures.py; never used outside the test suite.
//
// Environment:
//   PORT            port to listen on (127.0.0.1)
//   REDIRECT_BASES  comma-separated origins of the service under test, e.g.
//                   "http://testserver,http://localhost:41234": the client
//                   accepts <origin>/sso/callback/ and signs out back to
//                   <origin>/accounts/login/
//
// The sign-in page lists the fixed test accounts below; any password is taken.
// Consent is given automatically (the service is a first-party client).
import http from 'node:http';

import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const bases = (process.env.REDIRECT_BASES || 'http://testserver').split(',').filter(Boolean);

const CLIENT_ID = 'prevent-duty-assurance';
const CLIENT_SECRET = 'test-only-client-secret';

// Email addresses are on the domain the tests configure for this provider.
const ACCOUNTS = {
  'verified-lead': {
    email: 'lead@sso-council.example',
    email_verified: true,
    name: 'Verified Lead',
    amr: ['pwd', 'mfa'],
  },
  'unverified-lead': {
    email: 'lead@sso-council.example',
    email_verified: false,
    name: 'Unverified Lead',
    amr: ['pwd'],
  },
  stranger: {
    email: 'stranger@sso-council.example',
    email_verified: true,
    name: 'No Account Here',
    amr: ['pwd'],
  },
  outsider: {
    email: 'someone@elsewhere.example',
    email_verified: true,
    name: 'Wrong Domain',
    amr: ['pwd'],
  },
};

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title, body) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

const configuration = {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      client_name: 'Prevent Duty Assurance (tests)',
      redirect_uris: bases.map((base) => `${base}/sso/callback/`),
      post_logout_redirect_uris: bases.map((base) => `${base}/accounts/login/`),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  claims: {
    openid: ['sub', 'amr'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // Put the scope's claims in the ID token too, as Entra ID does for email.
  conformIdTokenClaims: false,
  cookies: { keys: ['test-only-cookie-key'] },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page(
          'Sign out of the test provider',
          `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`,
        );
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = page('Signed out of the test provider', '<p>You have signed out.</p>');
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: account.email,
          email_verified: account.email_verified,
          name: account.name,
        };
      },
    };
  },
  // A first-party client: consent is taken as given, so there is no consent page.
  async loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    const existing = session.grantIdFor(client.clientId);
    if (existing) return ctx.oidc.provider.Grant.find(existing);
    const grant = new ctx.oidc.provider.Grant({
      clientId: client.clientId,
      accountId: session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  pkce: { required: () => true },
};

const provider = new Provider(issuer, configuration);
const handle = provider.callback();

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error('body too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function loginForm(uid, message = '') {
  const options = Object.keys(ACCOUNTS)
    .map((id) => `<option value="${escape(id)}">${escape(id)}</option>`)
    .join('');
  return page(
    'Sign in to the test provider',
    `${message ? `<p role="alert">${escape(message)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
  <label for="account">Test account</label>
  <select id="account" name="account">${options}</select>
  <label for="password">Password</label>
  <input id="password" name="password" type="password">
  <button type="submit">Sign in to the test provider</button>
</form>`,
  );
}

async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  res.setHeader('Cache-Control', 'no-store');
  if (req.method === 'GET') {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(loginForm(uid));
    return;
  }
  const form = await readForm(req);
  const account = ACCOUNTS[form.get('account')];
  if (!account) {
    res.statusCode = 400;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(loginForm(uid, 'No such test account.'));
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: form.get('account'), amr: account.amr } },
    { mergeWithLastSubmission: false },
  );
}

const server = http.createServer((req, res) => {
  const match = req.url.match(/^\/interaction\/([A-Za-z0-9_-]+)$/);
  if (!match) {
    handle(req, res);
    return;
  }
  interaction(req, res, match[1]).catch((error) => {
    res.statusCode = 400;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`Interaction failed: ${error.message}`);
  });
});

server.listen(port, '127.0.0.1', () => {
  // The fixture waits for this line before it uses the provider.
  console.log(`oidc-provider listening on ${issuer}`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
