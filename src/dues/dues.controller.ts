import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../identity/identity.decorators';
import { previewDue } from './due-preview';
import { DuePreviewDto, DuePreviewResponse } from './dues.dto';

@ApiTags('dues')
@ApiBearerAuth()
@Controller('dues')
export class DuesController {
  // A POST only because the text may be long; it changes nothing, so observers may read dues too.
  @Post('preview')
  @Roles('admin', 'organizer', 'observer')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'What a due text reads as (kind, deadline, marks, read-back, warnings), without storing anything; 422 naming text when it cannot be read.',
  })
  preview(@Body() dto: DuePreviewDto): DuePreviewResponse {
    return previewDue(dto);
  }
}
