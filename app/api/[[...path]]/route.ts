import { ParleyError } from "@/lib/errors";

// Every /api path that no route serves answers JSON like the rest of the API, not Next's HTML 404
// page. More specific routes win over this one.

function notFound(): Response {
  return new ParleyError("not_found", "There is no such API route.").toResponse();
}

export { notFound as DELETE, notFound as GET, notFound as OPTIONS, notFound as PATCH, notFound as POST, notFound as PUT };
