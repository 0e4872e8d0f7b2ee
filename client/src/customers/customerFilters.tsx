import { SearchInput, SelectInput } from 'react-admin';
import { CURRENCIES } from '@closure-desk/shared';
import { enumChoices } from '../common/enums';
import { MoneyInput } from '../common/MoneyInput';

const currencyChoices = CURRENCIES.map((code) => ({ id: code, name: code }));

/** API.md's customer filters; amounts are typed in major units and sent in minor units. */
export const customerFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('customerStatus')} alwaysOn />,
  <SelectInput key="currency" source="currency" choices={currencyChoices} translateChoice={false} />,
  <MoneyInput key="cashBalance_gte" source="cashBalance_gte" />,
  <MoneyInput key="cashBalance_lte" source="cashBalance_lte" />,
  <MoneyInput key="outstandingAmount_gte" source="outstandingAmount_gte" />,
  <MoneyInput key="outstandingAmount_lte" source="outstandingAmount_lte" />,
];
