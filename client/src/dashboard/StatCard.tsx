import type { ReactNode } from 'react';
import { Card, CardActionArea, CardContent, Typography } from '@mui/material';
import { Link, useLocale, useTranslate } from 'react-admin';

interface StatCardProps {
  label: string;
  value: number;
  /** Where the number comes from: a list with its filter. */
  to: string;
  hint?: ReactNode;
  tone?: 'default' | 'error' | 'warning';
  name: string;
}

/** One count of the dashboard, linked to the list that shows what it counts. */
export const StatCard = ({ label, value, to, hint, tone = 'default', name }: StatCardProps) => {
  const translate = useTranslate();
  const locale = useLocale();
  const color = tone === 'default' || value === 0 ? 'text.primary' : `${tone}.main`;
  return (
    <Card variant="outlined" className={`stat stat-${name}`} data-value={value}>
      <CardActionArea component={Link} to={to} sx={{ height: '100%' }}>
        <CardContent>
          <Typography variant="body2" color="text.secondary">
            {translate(label)}
          </Typography>
          <Typography variant="h4" component="p" className="stat-value" sx={{ color, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
            {value.toLocaleString(locale)}
          </Typography>
          {hint ? (
            <Typography variant="caption" color="text.secondary">
              {hint}
            </Typography>
          ) : null}
        </CardContent>
      </CardActionArea>
    </Card>
  );
};

/** A list URL with react-admin's query parameters. */

export const statGrid = { display: 'grid', gap: 2, gridTemplateColumns: { xs: 'repeat(2, minmax(0, 1fr))', md: 'repeat(4, minmax(0, 1fr))' } } as const;
