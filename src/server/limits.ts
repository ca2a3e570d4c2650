/**
 * @module server/limits
 * The limits every request meets, in one place (docs/deploy.md lists them for operators).
 */

/** The largest request body (bytes), except a CSV for screening. */
export const MAX_BODY = 5 * 1024 * 1024;
/** The largest CSV of names for screening (bytes); it is read whole, then screened as a stream. */
export const MAX_CSV_BODY = 64 * 1024 * 1024;
/** The most rows of a CSV screened in one request; the command line has no limit. */
export const MAX_CSV_ROWS = 1_000_000;
/** The most rows of a watchlist added through the API (screened within the request); the command line has no limit. */
export const MAX_WATCHLIST_ROWS = 20_000;
/** A request's answer must start within this time; a long approach screening is stopped at it. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** Deepest nesting of a JSON body; a record is a few levels deep. */
export const MAX_JSON_DEPTH = 64;
/**
 * Failed sign-ins (a wrong, unknown, expired or revoked token) allowed a minute per token id (at
 * most the per-account rate limit), and per client address a much higher ceiling — this factor
 * times the per-account rate limit, but no more than the most scrypt checks a minute that leave
 * the thread pool room for real sign-ins — so that one client cannot lock out everyone behind its
 * proxy, nor keep the server hashing.
 */
export const FAILED_PER_TOKEN = 10;
export const FAILED_PER_ADDRESS_FACTOR = 10;
export const FAILED_PER_ADDRESS_MAX = 1000;
