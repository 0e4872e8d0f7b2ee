import { Box, IconButton, List, ListItem, ListItemButton, ListItemText, Tooltip } from '@mui/material';
import BookmarkIcon from '@mui/icons-material/BookmarkBorder';
import CancelIcon from '@mui/icons-material/CancelOutlined';
import HelpIcon from '@mui/icons-material/HelpOutlineOutlined';
import {
  AddSavedQueryIconButton,
  extractValidSavedQueries,
  FilterListItem as RaFilterListItem,
  FilterListSection,
  RemoveSavedQueryIconButton,
  useListContext,
  useListFilterContext,
  useSavedQueries,
  useTranslate,
  type FilterListItemProps,
} from 'react-admin';

/*
 * React-admin's sidebar filters with the two accessibility faults axe finds in them fixed by
 * wrapping (issue 19), the look and behaviour unchanged:
 * - the round "remove" button of a selected FilterListItem or saved query has no name (button-name);
 * - SavedQueriesList puts its "save / remove this query" button straight inside its <ul> (list).
 */

/** The same value, whatever the order of object keys (a query from the URL against one from the store). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const isSelected = (value: Record<string, unknown>, filters: Record<string, unknown>) =>
  Object.entries(value).every(([key, v]) => v === undefined || canonical(filters[key]) === canonical(v));

/** React-admin's FilterListItem whose remove button says what it does. */
export const FilterListItem = (props: FilterListItemProps) => {
  const { value } = props;
  const { filterValues, setFilters } = useListFilterContext();
  const translate = useTranslate();
  const selected = isSelected(value, filterValues);
  const remove = () => setFilters(Object.fromEntries(Object.entries(filterValues).filter(([key]) => !(key in value))));
  return (
    <RaFilterListItem
      isSelected={isSelected}
      secondaryAction={
        selected ? (
          <IconButton size="small" aria-label={translate('ra.action.remove_filter')} onClick={(e) => (e.stopPropagation(), remove())}>
            <CancelIcon />
          </IconButton>
        ) : null
      }
      {...props}
    />
  );
};

/** React-admin's SavedQueriesList: the saved queries as list items, the save/remove button outside the list. */
export const SavedQueriesList = () => {
  const translate = useTranslate();
  const { resource, filterValues, displayedFilters, sort, perPage, setFilters, setPage } = useListContext();
  const [savedQueries] = useSavedQueries(resource);
  const queries = extractValidSavedQueries(savedQueries);
  const current = canonical({ filter: filterValues, sort, perPage, displayedFilters });
  const savedCurrent = queries.some((q) => canonical(q.value) === current);
  const hasFilterValues = Object.keys(filterValues).length > 0;
  return (
    <Box sx={{ position: 'relative' }} className="saved-queries">
      <Box sx={{ position: 'absolute', top: (theme) => theme.spacing(2), right: 0, zIndex: 1 }}>
        {savedCurrent ? (
          <RemoveSavedQueryIconButton />
        ) : hasFilterValues ? (
          <AddSavedQueryIconButton />
        ) : (
          <Tooltip title={translate('ra.saved_queries.help')}>
            <HelpIcon sx={{ color: 'action.disabled', mt: 0.5, mr: 0.5 }} />
          </Tooltip>
        )}
      </Box>
      <FilterListSection label="ra.saved_queries.label" icon={<BookmarkIcon />}>
        <List dense disablePadding>
          {queries.map((query) => {
            const selected = canonical(query.value) === current;
            const toggle = () => {
              setFilters(selected ? {} : query.value.filter, selected ? {} : query.value.displayedFilters);
              setPage(1);
            };
            return (
              <ListItem
                key={query.label}
                disablePadding
                disableGutters
                secondaryAction={
                  selected ? (
                    <IconButton size="small" aria-label={translate('ra.action.remove_filter')} onClick={toggle}>
                      <CancelIcon />
                    </IconButton>
                  ) : null
                }
              >
                <ListItemButton onClick={toggle} selected={selected} sx={{ pl: '2em', pr: '2em' }}>
                  <ListItemText primary={query.label} sx={{ m: 0 }} />
                </ListItemButton>
              </ListItem>
            );
          })}
        </List>
      </FilterListSection>
    </Box>
  );
};
