import simpleRestProvider from 'ra-data-simple-rest';
import { httpClient } from './http';
import { API_URL } from './session';

/**
 * The React-Admin simple REST convention of API.md: `sort`, `range` and `filter` query
 * parameters, the total in `Content-Range`. Errors keep the server's `message`.
 */
export const dataProvider = simpleRestProvider(API_URL, httpClient);
