// Compliance refuses requests the way every feature does (400 / 404 / 409).
export { Conflict, InvalidRequest, NotFound, parseRequest } from '../access/errors.ts';
