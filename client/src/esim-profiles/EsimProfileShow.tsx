import { Show, SimpleShowLayout, TextField } from 'react-admin';
import { CustomerField } from '../common/CustomerField';
import { EnumField } from '../common/EnumField';

export const EsimProfileShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="iccid" sx={{ fontFamily: 'monospace' }} />
      <CustomerField source="customerId" />
      <TextField source="msisdn" />
      <TextField source="eid" sx={{ fontFamily: 'monospace' }} />
      <TextField source="deviceModel" />
      <EnumField source="deviceState" enumName="deviceState" />
      <EnumField source="networkState" enumName="networkState" />
    </SimpleShowLayout>
  </Show>
);
