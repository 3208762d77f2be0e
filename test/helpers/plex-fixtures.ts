// Response bodies for end-to-end tests of the generated Plex SDK.
import type * as components from "../../generated/typescript/src/models/components/index.ts";
import { json, type RecordedRequest, type ScriptedResponse } from "./server.ts";

/** A fresh, complete and valid UserPlexAccount (every required property present) on each call. */
export function userPlexAccount(): components.UserPlexAccount {
  return {
    adsConsent: true,
    adsConsentReminderAt: 1700000000,
    adsConsentSetAt: 1690000000,
    anonymous: false,
    attributionPartner: null,
    authToken: "AccountAuthToken-9f8e7d",
    backupCodesCreated: true,
    confirmed: true,
    country: "DE",
    email: "fixture@example.org",
    emailOnlyAuth: false,
    entitlements: ["android", "ios", "windows"],
    experimentalFeatures: true,
    friendlyName: "Fixture Person",
    guest: false,
    hasPassword: false,
    home: true,
    homeAdmin: true,
    homeSize: 3,
    id: 424242,
    joinedAt: 1556281940,
    locale: "de",
    mailingListActive: false,
    mailingListStatus: "unsubscribed",
    maxHomeSize: 15,
    profile: {
      autoSelectAudio: false,
      autoSelectSubtitle: 0,
      defaultAudioLanguage: "de",
      defaultSubtitleAccessibility: 1,
      defaultSubtitleForced: 0,
      defaultSubtitleLanguage: "en",
      mediaReviewsVisibility: 1,
      watchedIndicator: 1,
    },
    protected: true,
    rememberExpiresAt: 1758720000,
    restricted: false,
    roles: ["plexpass"],
    scrobbleTypes: "1,2",
    services: [
      { identifier: "metadata", endpoint: "https://metadata.example.org", token: "svc-token-1", secret: null, status: "online" },
      { identifier: "sonos", endpoint: "https://sonos.example.org", token: null, secret: "s3", status: "offline" },
    ],
    subscription: {
      active: true,
      features: ["hwtranscode", "lyrics"],
      paymentService: "braintree",
      plan: "lifetime",
      status: "Active",
      subscribedAt: "2021-04-12T18:21:12Z",
    },
    subscriptionDescription: "Lifetime Plex Pass",
    subscriptions: [{ active: true, status: "Active", plan: "lifetime", features: ["hwtranscode"] }],
    thumb: "https://plex.tv/users/fixture/avatar",
    title: "FixtureTitle",
    twoFactorEnabled: true,
    username: "fixture",
    uuid: "0a1b2c3d4e5f6071",
  };
}

/** A UserPlexAccount as loose JSON data, so a test can break it on purpose before the server sends it. */
export function userPlexAccountJSON(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(userPlexAccount())) as Record<string, unknown>;
}

/**
 * A fake Plex for examples that call the four authentication operations: the account for
 * getTokenDetails (…/user) and sign-in (…/users/signin, 201), an empty 200 for anything else.
 */
export function plexAuthAnswer(account: Record<string, unknown> = userPlexAccountJSON()): (request: RecordedRequest) => ScriptedResponse {
  return (r) => {
    if (r.path.endsWith("/user")) return json(200, account);
    if (r.path.endsWith("/users/signin")) return json(201, { ...account, pastSubscriptions: [], trials: [] });
    return { status: 200 };
  };
}
