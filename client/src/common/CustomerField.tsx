import { ReferenceField, type FieldProps } from 'react-admin';

/** The customer a record belongs to, by name and account number, linked to the customer page. */
export const CustomerField = ({ source = 'customerId' }: Partial<FieldProps>) => (
  <ReferenceField source={source} reference="customers" link="show" />
);
