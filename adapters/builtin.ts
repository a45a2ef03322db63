import type { ReasonList } from '../spec/index.js';
import type { Adapter } from './contract.js';
import { baileysAdapter } from './baileys.js';
import { referenceNodeAdapter } from './reference/node.js';
import { referenceXmlAdapter } from './reference/xml.js';

/** Built-in adapters by the bare name that selects them (`--adapter reference`). */
export const BUILTIN_ADAPTERS: Readonly<Record<string, (reasons: ReasonList) => Adapter>> = {
  reference: referenceXmlAdapter as (reasons: ReasonList) => Adapter,
  'reference-node': referenceNodeAdapter as (reasons: ReasonList) => Adapter,
  baileys: baileysAdapter as () => Adapter,
};
