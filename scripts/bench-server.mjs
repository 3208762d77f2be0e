// The server side of scripts/bench-runtime.ts: fixed answers, its own process, 127.0.0.1 only.
import http from "node:http";

const features = Array.from({ length: 120 }, (_, i) => `feature-${i}`);
/** A large but valid UserPlexAccount: hundreds of services and entitlements. */
const account = {
  adsConsent: null, adsConsentReminderAt: null, adsConsentSetAt: null, anonymous: false, attributionPartner: null,
  authToken: "CxoUzBTSV5hsxjTpFKaf", backupCodesCreated: false, confirmed: true, country: "US", email: "username@email.com",
  emailOnlyAuth: false, entitlements: Array.from({ length: 400 }, (_, i) => `entitlement-${i}`), experimentalFeatures: false,
  friendlyName: "friendlyUsername", guest: false, hasPassword: true, home: false, homeAdmin: false, homeSize: 1, id: 13692262,
  joinedAt: 1556281940, locale: null, mailingListActive: false, mailingListStatus: "active", maxHomeSize: 15,
  profile: {
    autoSelectAudio: true, autoSelectSubtitle: 1, defaultAudioLanguage: "ja", defaultSubtitleAccessibility: 0,
    defaultSubtitleForced: 1, defaultSubtitleLanguage: "en", mediaReviewsVisibility: 1, watchedIndicator: 1,
  },
  protected: false, rememberExpiresAt: 1556281940, restricted: false, roles: ["plexpass"], scrobbleTypes: "",
  services: Array.from({ length: 300 }, (_, i) => ({
    identifier: `metadata-${i}`, endpoint: `https://epg${i}.provider.plex.tv`, token: i % 2 ? null : `token-${i}`,
    secret: null, status: i % 3 ? "online" : "offline",
  })),
  subscription: { active: true, features, paymentService: null, plan: null, status: "Active", subscribedAt: "2021-04-12T18:21:12Z" },
  subscriptionDescription: null,
  subscriptions: Array.from({ length: 20 }, () => ({ active: false, features, status: "Inactive" })),
  thumb: "https://plex.tv/users/a4f43c1ebfde43a5/avatar?c=8372075101", title: "UsernameTitle", twoFactorEnabled: false,
  username: "Username", uuid: "dae343c1f45beb4f",
};
const body = JSON.stringify(account);

const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    if (req.url === "/user") {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    } else {
      res.writeHead(200, { "content-type": "application/json", "content-length": "2" });
      res.end("{}");
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
