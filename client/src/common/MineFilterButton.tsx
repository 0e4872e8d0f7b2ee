import PersonIcon from '@mui/icons-material/PersonOutlineOutlined';
import type { Role } from '@closure-desk/shared';
import { Button, useGetIdentity, useListContext } from 'react-admin';

interface MineFilterButtonProps {
  /** The staff-id filter of API.md: `assigneeId`, `createdById`. */
  source: string;
  label: string;
  /** Roles for which "mine" means something (auditors and admins are never assigned work). */
  roles?: readonly Role[];
}

/**
 * Toggles `<source> = the signed-in staff member`. Staff names are not readable by every
 * role, so "mine" is the one staff filter everybody can use.
 */
export const MineFilterButton = ({ source, label, roles = ['agent', 'supervisor'] }: MineFilterButtonProps) => {
  const { filterValues, displayedFilters, setFilters } = useListContext();
  const { identity } = useGetIdentity();
  if (!identity || !roles.includes(identity.role)) return null;
  const active = filterValues[source] === identity.id;
  const toggle = () => {
    const others = Object.fromEntries(Object.entries(filterValues).filter(([key]) => key !== source));
    setFilters(active ? others : { ...others, [source]: identity.id }, displayedFilters);
  };
  return (
    <Button
      label={label}
      onClick={toggle}
      variant={active ? 'contained' : 'text'}
      aria-pressed={active}
      className={`mine-filter mine-filter-${source}`}
    >
      <PersonIcon />
    </Button>
  );
};
