import { Pagination } from 'react-admin';

/** Page sizes up to 500 rows, the most the API returns for one range. */
export const PAGE_SIZES = [25, 50, 100, 250, 500];

/** The pagination every main list uses: a supervisor triaging a backlog may want 500 rows at once. */
export const ListPagination = () => <Pagination rowsPerPageOptions={PAGE_SIZES} />;
