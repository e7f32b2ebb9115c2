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
import { UNIT_KIND_LABELS } from './directory.labels';
import { DirectoryExportService } from './directory-export.service';
import { CSV_IMPORT_BODY, ExportQuery, ImportQuery } from './directory-import.dto';
import { ImportReport } from './import-report';
import { UnitTreeService } from './unit-tree.service';
import {
  CreateUnitDto,
  DeactivateUnitQuery,
  DescendantsQuery,
  toUnitInTreeResponse,
  toUnitResponse,
  UnitInTreeResponse,
  UnitListQuery,
  UnitResponse,
  UnitTreeQuery,
  UpdateUnitDto,
} from './units.dto';
import { UnitsImportService } from './units-import.service';
import { UnitsService } from './units.service';
import { IfMatch, IfMatchHeader, SendsETag } from '../common/etag';

const unitId = new UuidParam('unit');

@ApiTags('directory')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly units: UnitsService,
    private readonly tree: UnitTreeService,
    private readonly imports: UnitsImportService,
    private readonly exports: DirectoryExportService,
  ) {}

  @Get('kinds')
  @ApiOperation({ summary: 'The kinds of unit, with their Vietnamese and English names.' })
  kinds(@Query() query: PageQuery) {
    return pageOfAll(Object.entries(UNIT_KIND_LABELS), query, ([code, label]) => ({ code, ...label }));
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'All units as CSV (UTF-8 with BOM), in the import format, parents before children.' })
  async exportCsv(@Query() query: ExportQuery, @Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="units.csv"');
    await this.exports.exportUnits(res, {
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
  @ApiOperation({
    summary:
      'Upsert units by external_code from CSV, in one transaction; 422 IMPORT_REJECTED lists bad rows unless partial=true.',
  })
  importCsv(
    @CurrentActor() actor: Actor,
    @CsvUpload() csv: Buffer,
    @Query() query: ImportQuery,
  ): Promise<ImportReport> {
    return this.imports.importCsv(actor, csv, query);
  }

  @Post()
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Create a unit.' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto): Promise<UnitResponse> {
    return toUnitResponse(await this.units.create(actor, dto));
  }

  @Get()
  @ApiOperation({
    summary: 'Units, filtered by kind, parent, activity, external code, and a search with or without diacritics.',
  })
  async list(@Query() query: UnitListQuery): Promise<Page<UnitResponse>> {
    const { items, total } = await this.tree.list(query);
    return pageOf(items, total, query, toUnitResponse);
  }

  @Get(':id')
  @SendsETag()
  async get(@Param('id', unitId) id: string): Promise<UnitResponse> {
    return toUnitResponse(await this.units.get(id));
  }

  @Patch(':id')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Change a unit; a new parent that would close a cycle is refused (422 on parentId).' })
  @SendsETag()
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', unitId) id: string,
    @Body() dto: UpdateUnitDto,
    @IfMatchHeader() ifMatch: IfMatch,
  ): Promise<UnitResponse> {
    return toUnitResponse(await this.units.update(actor, id, dto, ifMatch));
  }

  @Delete(':id')
  @Roles('admin', 'organizer')
  @ApiOperation({
    summary: 'Deactivate a unit (units are never deleted); 409 while it has active sub-units unless cascade=true.',
  })
  async deactivate(
    @CurrentActor() actor: Actor,
    @Param('id', unitId) id: string,
    @Query() query: DeactivateUnitQuery,
  ): Promise<UnitResponse> {
    return toUnitResponse(await this.units.deactivate(actor, id, query.cascade === true));
  }

  @Get(':id/children')
  async children(@Param('id', unitId) id: string, @Query() query: UnitTreeQuery): Promise<Page<UnitResponse>> {
    const { items, total } = await this.tree.children(id, query);
    return pageOf(items, total, query, toUnitResponse);
  }

  @Get(':id/descendants')
  @ApiOperation({ summary: 'Every unit under this one, at any depth, in tree order, each with its depth (1 = child).' })
  async descendants(
    @Param('id', unitId) id: string,
    @Query() query: DescendantsQuery,
  ): Promise<Page<UnitInTreeResponse>> {
    const { items, total } = await this.tree.descendants(id, query);
    return pageOf(items, total, query, toUnitInTreeResponse);
  }

  @Get(':id/ancestors')
  @ApiOperation({ summary: 'The path above this unit, root first; depth counts up from the unit (1 = parent).' })
  async ancestors(@Param('id', unitId) id: string, @Query() query: PageQuery): Promise<Page<UnitInTreeResponse>> {
    return pageOfAll(await this.tree.ancestors(id), query, toUnitInTreeResponse);
  }
}
