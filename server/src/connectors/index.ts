// The peers a closure reaches: the SM-DP+ (GSMA SGP.22 ES2+) and the network (TM Forum TMF641).
export { enqueueTerminationCommands, commandsOf, terminationFacts, requeueFailedCommands, confirmByReference, type CommandView, type Peer } from './repository';
export { peerDispatcher, dispatchPeerCommands } from './dispatcher';
export { peerEndpoints, dispatchOptionsFromEnv, type PeerEndpoints, type PeerDispatchOptions } from './peers-config';
export { registerTmfListener } from './register-listener';
export { peerRoutes } from './routes';
export { PEER_ERROR_SHAPES, Es2plusErrorAnswer, Tmf630ErrorAnswer } from './error-shapes';
