import { Box, Card, CardContent, Typography, useTheme } from '@mui/material';
import EChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useLocale, useTranslate } from 'react-admin';
import { enumLabelKey } from '../common/enums';
import type { Activity } from './types';

// Only what these two charts draw, so the lazily loaded chunk stays small.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * Requests received vs. completed per day over the last 30 days, and by channel. Loaded on
 * demand (React.lazy): ECharts is heavy and the rest of the console never needs it.
 */
const ActivityCharts = ({ activity }: { activity: Activity }) => {
  const theme = useTheme();
  const translate = useTranslate();
  const locale = useLocale();
  const received = translate('app.dashboard.received');
  const completed = translate('app.dashboard.completed');
  const text = theme.palette.text.secondary;
  const colors = [theme.palette.primary.main, theme.palette.secondary.main];
  const day = new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  const base = {
    color: colors,
    textStyle: { fontFamily: theme.typography.fontFamily, color: text },
    tooltip: { trigger: 'axis' },
    legend: { data: [received, completed], textStyle: { color: text }, top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: text }, splitLine: { lineStyle: { color: theme.palette.divider } } },
  };
  const perDay = {
    ...base,
    xAxis: {
      type: 'category',
      data: activity.days.map((d) => day.format(new Date(`${d.date}T00:00:00Z`))),
      axisLabel: { color: text },
    },
    series: [
      { name: received, type: 'bar', data: activity.days.map((d) => d.received), barMaxWidth: 14 },
      { name: completed, type: 'line', smooth: true, data: activity.days.map((d) => d.completed) },
    ],
  };
  const perChannel = {
    ...base,
    xAxis: {
      type: 'category',
      data: activity.byChannel.map((c) => translate(enumLabelKey('channel', c.channel))),
      axisLabel: { color: text },
    },
    series: [
      { name: received, type: 'bar', data: activity.byChannel.map((c) => c.received), barMaxWidth: 32 },
      { name: completed, type: 'bar', data: activity.byChannel.map((c) => c.completed), barMaxWidth: 32 },
    ],
  };
  return (
    <Box className="activity-charts" sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 2fr) minmax(0, 1fr)' } }}>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle2" color="text.secondary" gutterBottom>
            {translate('app.dashboard.per_day', { from: activity.from, to: activity.to })}
          </Typography>
          <EChartsCore echarts={echarts} option={perDay} notMerge style={{ height: 280 }} />
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle2" color="text.secondary" gutterBottom>
            {translate('app.dashboard.per_channel')}
          </Typography>
          <EChartsCore echarts={echarts} option={perChannel} notMerge style={{ height: 280 }} />
        </CardContent>
      </Card>
    </Box>
  );
};

export default ActivityCharts;
