// A front desk's day, written as a client team would against the generated types (openapi-typescript + openapi-fetch):
// sign in, register a walk-in, the host approves, check-in by badge, the on-site list, check-out, the CSV export,
// erasure, and errors handled by their typed `code`. No cast and no `any`: if the document is wrong, this does not compile.
// Run: node dist/frontDesk.js with CLEANVISITORS_URL, ADMIN_EMAIL and ADMIN_PASSWORD set; exit code 0 when every step held.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema.js";

type Problem = components["schemas"]["Problem"];
type Visit = components["schemas"]["VisitDto"];
type VisitStatus = components["schemas"]["VisitStatus"];

const baseUrl = required("CLEANVISITORS_URL");
const runId = `${Date.now()}${Math.floor(Math.random() * 1000)}`;

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set`);
  }
  return value;
}

function check(condition: boolean, what: string): asserts condition {
  if (!condition) {
    throw new Error(`Step failed: ${what}`);
  }
  console.log(`ok - ${what}`);
}

/** The one way this client reads a failure: the problem's stable code, typed from the document. */
function describe(problem: Problem): string {
  return `${problem.status} ${problem.code}: ${problem.detail ?? problem.title}`;
}

function phoneNumber(): string {
  return `+49151${String(10_000_000 + Math.floor(Math.random() * 89_999_999))}`;
}

/** A client that signs every request with this user's access token. */
async function signIn(email: string, password: string) {
  const anonymous = createClient<paths>({ baseUrl });
  const { data, error } = await anonymous.POST("/api/auth/login", { body: { email, password } });
  if (error !== undefined) {
    throw new Error(`sign-in failed: ${describe(error)}`);
  }
  const bearer: Middleware = {
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${data.accessToken}`);
      return request;
    },
  };
  const client = createClient<paths>({ baseUrl });
  client.use(bearer);
  return { client, user: data.user, expiresAt: new Date(data.expiresAt) };
}

async function main(): Promise<void> {
  // 1. Sign in: the desk's account (an Admin here, who may do everything a receptionist does).
  const desk = await signIn(required("ADMIN_EMAIL"), required("ADMIN_PASSWORD"));
  check(desk.user.role === "Admin" && desk.expiresAt.getTime() > Date.now(), "signed in, with a role and an expiry typed from the document");

  // A wrong password is a typed problem with its code.
  const wrong = await createClient<paths>({ baseUrl }).POST("/api/auth/login", {
    body: { email: required("ADMIN_EMAIL"), password: "not-the-password-at-all" },
  });
  check(wrong.error?.code === "auth.invalid_credentials" && wrong.response.status === 401, "a wrong password answers 401 auth.invalid_credentials");

  // The host the visitor comes to see.
  const hostPassword = `host-password-${runId}`;
  const hostEmail = `host-${runId}@example.com`;
  const createdHost = await desk.client.POST("/api/users", {
    body: { email: hostEmail, fullName: "Hanna Host", role: "Host", password: hostPassword, phoneNumber: phoneNumber() },
  });
  if (createdHost.error !== undefined) {
    throw new Error(`creating the host failed: ${describe(createdHost.error)}`);
  }
  check(createdHost.response.headers.get("Location") !== null, "a created user answers 201 with Location");

  // 2. Register a walk-in: the visitor is given inline and the visit waits for the host.
  const walkIn = await desk.client.POST("/api/visits", {
    body: { visitor: { fullName: "Wanda Walk-In", phoneNumber: phoneNumber(), company: "Acme" }, hostId: createdHost.data.id, purpose: "Delivery" },
  });
  if (walkIn.error !== undefined) {
    throw new Error(`registering the walk-in failed: ${describe(walkIn.error)}`);
  }
  let visit: Visit = walkIn.data;
  const pending: VisitStatus = "PendingApproval";
  check(visit.status === pending && visit.checkedInAt === null, "the walk-in is PendingApproval, not checked in");

  // A validation failure names its fields.
  const invalid = await desk.client.POST("/api/visits", { body: { visitor: { fullName: "", phoneNumber: "nope" }, hostId: createdHost.data.id, purpose: "" } });
  const fields = Object.keys(invalid.error?.errors ?? {});
  check(invalid.error?.code === "validation_failed" && fields.includes("purpose"), `an invalid visit answers validation_failed naming ${fields.join(", ")}`);

  // 3. The host approves.
  const host = await signIn(hostEmail, hostPassword);
  const approved = await host.client.POST("/api/visits/{id}/approve", { params: { path: { id: visit.id } } });
  if (approved.error !== undefined) {
    throw new Error(`approving failed: ${describe(approved.error)}`);
  }
  check(approved.data.status === "Approved" && approved.data.approvedAt !== null, "the host approved the visit");

  // The host may not export: a typed 403.
  const forbidden = await host.client.GET("/api/visits/export", { params: { query: {} }, parseAs: "text" });
  check(forbidden.error?.code === "auth.forbidden" && forbidden.response.status === 403, "a host's export answers 403 auth.forbidden");

  // 4. Check-in by badge.
  const found = await desk.client.GET("/api/visits/by-badge/{badgeCode}", { params: { path: { badgeCode: visit.badgeCode } } });
  if (found.error !== undefined) {
    throw new Error(`finding the badge failed: ${describe(found.error)}`);
  }
  check(found.data.id === visit.id, "the badge finds the visit");
  const checkedIn = await desk.client.POST("/api/visits/{id}/check-in", { params: { path: { id: found.data.id } } });
  if (checkedIn.error !== undefined) {
    throw new Error(`checking in failed: ${describe(checkedIn.error)}`);
  }
  visit = checkedIn.data;
  check(visit.status === "CheckedIn" && visit.checkedInAt !== null, "the visitor is checked in");

  // Checking in twice is a conflict whose currentStatus is typed as a VisitStatus.
  const again = await desk.client.POST("/api/visits/{id}/check-in", { params: { path: { id: visit.id } } });
  const current: VisitStatus | undefined = again.error?.currentStatus;
  check(again.error?.code === "visit.invalid_transition" && current === "CheckedIn", "checking in twice answers 409 visit.invalid_transition, currentStatus CheckedIn");

  // 5. The on-site list (the evacuation list).
  const onSite = await desk.client.GET("/api/visits/on-site", { params: { query: { siteId: visit.siteId } } });
  if (onSite.error !== undefined) {
    throw new Error(`the on-site list failed: ${describe(onSite.error)}`);
  }
  check(onSite.data.some((v) => v.id === visit.id), "the visitor is on the on-site list");

  // 6. Check-out.
  const checkedOut = await desk.client.POST("/api/visits/{id}/check-out", { params: { path: { id: visit.id } } });
  if (checkedOut.error !== undefined) {
    throw new Error(`checking out failed: ${describe(checkedOut.error)}`);
  }
  check(checkedOut.data.status === "CheckedOut" && checkedOut.data.checkedOutAt !== null, "the visitor is checked out");

  // 7. The export: CSV text.
  const exported = await desk.client.GET("/api/visits/export", { params: { query: { from: new Date(Date.now() - 3_600_000).toISOString() } }, parseAs: "text" });
  if (exported.error !== undefined) {
    throw new Error(`the export failed: ${describe(exported.error)}`);
  }
  check(exported.response.headers.get("Content-Type")?.startsWith("text/csv") === true && exported.data.includes(visit.badgeCode), "the CSV export holds the visit");

  // Pages are typed: totalCount is a number, nextCursor a string or null.
  const page = await desk.client.GET("/api/visits", { params: { query: { pageSize: 1, status: "CheckedOut" } } });
  if (page.error !== undefined) {
    throw new Error(`listing failed: ${describe(page.error)}`);
  }
  const total: number = page.data.totalCount;
  const next: string | null = page.data.nextCursor;
  check(total >= 1 && page.data.items.length === 1 && (next === null || next.length > 0), "a page of visits with a typed count and cursor");

  // 8. Erasure: the person's data goes, the visit stays.
  const visitorId = visit.visitor.id;
  if (visitorId === null) {
    throw new Error("the visit names no visitor id");
  }
  const erased = await desk.client.DELETE("/api/visitors/{id}", { params: { path: { id: visitorId } } });
  check(erased.error === undefined && erased.response.status === 204, "the visitor's personal data is erased");
  const afterwards = await desk.client.GET("/api/visitors/{id}", { params: { path: { id: visitorId } } });
  if (afterwards.error !== undefined) {
    throw new Error(`reading the erased visitor failed: ${describe(afterwards.error)}`);
  }
  const name: string | null = afterwards.data.fullName;
  check(afterwards.data.isErased && name === null, "the erased visitor has no name");

  // An unknown id is a typed 404.
  const missing = await desk.client.GET("/api/visits/{id}", { params: { path: { id: "0190c2a0-0000-7000-8000-000000000000" } } });
  check(missing.error?.code === "visit.not_found" && missing.response.status === 404, "an unknown visit answers 404 visit.not_found");

  console.log("front-desk flow: every step held");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
