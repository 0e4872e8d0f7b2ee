import { checkContractOfEveryFetch } from './contract';

// Raw fetch calls of the API tests (uploads, downloads, exports) are judged against the OpenAPI document too.
checkContractOfEveryFetch();
