export { startIdp, type Idp, type IdpClient, type IdpOptions } from './idp';
export {
  ACR_MFA,
  ACR_PASSWORD,
  DEMO_PASSWORD,
  employeeAccount,
  groupsOf,
  stableSub,
  type FeideGroup,
  type IdpAccount,
  type IdpOrganisation,
} from './accounts';
