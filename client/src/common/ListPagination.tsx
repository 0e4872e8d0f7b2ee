import { Pagination, useListContext } from 'react-admin';

/** Page sizes up to 500 rows, the most the API returns for one range. */
export const PAGE_SIZES = [25, 50, 100, 250, 500];

/**
 * The pagination every main list uses: a supervisor triaging a backlog may want 500 rows at once.
 * A list's own page size (react-admin's default is 10) is one of the choices, or "Rows per page"
 * would show an empty value.
 */
export const ListPagination = () => {
  const { perPage } = useListContext();
  const sizes = !perPage || PAGE_SIZES.includes(perPage) ? PAGE_SIZES : [...PAGE_SIZES, perPage].sort((a, b) => a - b);
  return <Pagination rowsPerPageOptions={sizes} />;
};
