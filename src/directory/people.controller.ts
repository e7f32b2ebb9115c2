import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../identity/identity.decorators';
import type { Actor } from '../identity/principal';
import { Page, PageQuery, pageOf, pageOfAll } from '../common/pagination';
import { UuidParam } from '../common/uuid-param.pipe';
import { CsvUpload, CsvUploadInterceptor } from './csv-upload';
import { PERSON_ROLE_LABELS } from './directory.labels';
import { DirectoryExportService } from './directory-export.service';
import { CSV_IMPORT_BODY, ExportQuery, PeopleImportQuery } from './directory-import.dto';
import { ImportReport } from './import-report';
import {
  CreatePersonDto,
  EndPositionDto,
  PersonListQuery,
  PersonResponse,
  PositionInputDto,
  PositionResponse,
  toPersonResponse,
  toPositionResponse,
  UpdatePersonDto,
} from './people.dto';
import { PeopleImportService } from './people-import.service';
import { PeopleService, PersonWithPositions } from './people.service';
import { PositionsService } from './positions.service';
import { IfMatch, IfMatchHeader, SendsETag } from '../common/etag';

const personId = new UuidParam('person');
const positionId = new UuidParam('position');
const toResponse = ({ person, positions }: PersonWithPositions) => toPersonResponse(person, positions);

@ApiTags('directory')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly positions: PositionsService,
    private readonly imports: PeopleImportService,
    private readonly exports: DirectoryExportService,
  ) {}

  @Get('roles')
  @ApiOperation({ summary: 'The normalised roles, with their Vietnamese and English names.' })
  roles(@Query() query: PageQuery) {
    return pageOfAll(Object.entries(PERSON_ROLE_LABELS), query, ([code, label]) => ({ code, ...label }));
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'All people as CSV (UTF-8 with BOM), one current position per row, in the import format.' })
  async exportCsv(@Query() query: ExportQuery, @Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="people.csv"');
    await this.exports.exportPeople(res, {
      delimiter: query.delimiter === 'semicolon' ? ';' : ',',
      activeOnly: query.active === true,
    });
    res.end();
  }

  // An import rewrites any part of the directory at once: administrators only (stewards use the API).
  @Post('import')
  @HttpCode(200)
  @Roles('admin')
  @UseInterceptors(CsvUploadInterceptor)
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody(CSV_IMPORT_BODY)
  @ApiOkResponse({ type: ImportReport })
  @ApiOperation({ summary: 'Upsert people by e-mail and their current positions from CSV, in one transaction.' })
  importCsv(
    @CurrentActor() actor: Actor,
    @CsvUpload() csv: Buffer,
    @Query() query: PeopleImportQuery,
  ): Promise<ImportReport> {
    return this.imports.importCsv(actor, csv, query);
  }

  @Post()
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Create a person, with positions.' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreatePersonDto): Promise<PersonResponse> {
    return toResponse(await this.people.create(actor, dto));
  }

  @Get()
  @ApiOperation({
    summary:
      'People, filtered by current unit, unit kind, role, activity, e-mail, and a name search with or without diacritics.',
  })
  async list(@Query() query: PersonListQuery): Promise<Page<PersonResponse>> {
    const { items, total } = await this.people.list(query);
    return pageOf(items, total, query, toResponse);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A person with all positions, current and past.' })
  @SendsETag()
  async get(@Param('id', personId) id: string): Promise<PersonResponse> {
    return toResponse(await this.people.get(id));
  }

  @Patch(':id')
  @Roles('admin', 'organizer')
  @SendsETag()
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', personId) id: string,
    @Body() dto: UpdatePersonDto,
    @IfMatchHeader() ifMatch: IfMatch,
  ): Promise<PersonResponse> {
    return toResponse(await this.people.update(actor, id, dto, ifMatch));
  }

  @Delete(':id')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Deactivate a person (people are never deleted; invitations refer to them).' })
  async deactivate(@CurrentActor() actor: Actor, @Param('id', personId) id: string): Promise<PersonResponse> {
    return toResponse(await this.people.deactivate(actor, id));
  }

  @Post(':id/positions')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Give a person a position in a unit; 409 if they already hold that role there.' })
  async addPosition(
    @CurrentActor() actor: Actor,
    @Param('id', personId) id: string,
    @Body() dto: PositionInputDto,
  ): Promise<PositionResponse> {
    return toPositionResponse(await this.positions.add(actor, id, dto));
  }

  @Post(':id/positions/:positionId/end')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'End a position (it stays in the person’s history).' })
  async endPosition(
    @CurrentActor() actor: Actor,
    @Param('id', personId) id: string,
    @Param('positionId', positionId) position: string,
    @Body() dto: EndPositionDto,
  ): Promise<PositionResponse> {
    return toPositionResponse(await this.positions.end(actor, id, position, dto));
  }
}
