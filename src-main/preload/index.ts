import { contextBridge } from 'electron';

// The narrow bridge: one method per capability (the typed contract arrives with the desktop core).
contextBridge.exposeInMainWorld('crm', {
  version: (): string => '0.1.0',
});
