/** The one user of a Parley without login (AUTH_MODE=none, the local default). */
export const LOCAL_USER_ID = "local";

/**
 * Who is asking. Until login exists every request is the local user; every store call already
 * takes this id, so login only has to change this function.
 */
export async function currentUserId(_request: Request): Promise<string> {
  return LOCAL_USER_ID;
}
