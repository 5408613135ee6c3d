import { ApiError } from '../http/errors.ts';

export const TAG = 'maintenance';

export function notFound(what: string, path: string): ApiError {
  return new ApiError('not_found', what, [{ path, message: 'not found' }]);
}
