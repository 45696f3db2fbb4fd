import { describe, expect, it } from 'vitest';
import { Volume } from '../clients/docker/schema.js';
import { removableVolume } from './docker-prune.js';

const hex = 'a'.repeat(64);
const vol = (name: string, labels: Record<string, string>, refs = 0) =>
  Volume.parse({ Name: name, Labels: labels, UsageData: { Size: 1, RefCount: refs } });

describe('removableVolume', () => {
  it('only unused anonymous volumes without Compose labels', () => {
    expect(removableVolume(vol(hex, {}))).toBe(true);
    expect(removableVolume(vol('db_data', { 'com.docker.volume.anonymous': '' }))).toBe(true);
    expect(removableVolume(vol(hex, {}, 1))).toBe(false); // in use
    expect(removableVolume(vol('lab_data', {}))).toBe(false); // named
    expect(removableVolume(vol(hex, { 'com.docker.compose.project': 'p' }))).toBe(false);
    expect(removableVolume(Volume.parse({ Name: hex, Labels: null }))).toBe(false); // usage unknown
  });
});
