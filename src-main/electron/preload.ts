/** Exposes nothing yet; the renderer will learn its hub URL and token from here. */
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('hubdeck', { version: process.versions.electron });
