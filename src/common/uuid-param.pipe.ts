import { Injectable, PipeTransform } from '@nestjs/common';
import { notFound } from './problem';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID cannot name anything: answer 404, as for an unknown id. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly what = 'resource') {}

  transform(value: string): string {
    if (!UUID.test(value)) throw notFound(this.what, value);
    return value.toLowerCase();
  }
}

export const isUuid = (value: string) => UUID.test(value);
