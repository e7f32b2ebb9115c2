import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDateString, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ApiToken } from './api-token.entity';
import { USER_LANGUAGES, USER_ROLES, UserLanguage, UserRole } from '../identity/principal';
import { User } from './user.entity';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class LoginDto {
  @ApiProperty({ example: 'admin@convene.local' })
  @Transform(lower)
  @IsEmail({ require_tld: false })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class CreateUserDto {
  @ApiProperty() @Transform(lower) @IsEmail({ require_tld: false }) @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) displayName: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) password: string;
  @ApiProperty({ enum: USER_ROLES }) @IsIn(USER_ROLES) role: UserRole;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) displayName?: string;
  @ApiPropertyOptional({ minLength: 10 }) @IsOptional() @IsString() @MinLength(10) @MaxLength(200) password?: string;
  @ApiPropertyOptional({ enum: USER_ROLES }) @IsOptional() @IsIn(USER_ROLES) role?: UserRole;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class CreateApiTokenDto {
  @ApiProperty({ example: 'HR system sync' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiPropertyOptional({ description: 'ISO 8601 instant; none means the token lives until revoked.' })
  @IsOptional()
  @IsDateString({ strict: true })
  expiresAt?: string;
}

export class PreferencesDto {
  @ApiProperty({ enum: USER_LANGUAGES }) @IsIn(USER_LANGUAGES) language: UserLanguage;
}

export interface AccessTokenResponse {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
}

export interface UserResponse {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  active: boolean;
  language: UserLanguage;
  /** Moves on every change; sent as the ETag, compared with a PATCH's If-Match. */
  version: number;
  createdAt: string;
}

export interface SessionResponse {
  user: UserResponse;
  expiresAt: string;
}

export const toUserResponse = (u: User): UserResponse => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  active: u.active,
  language: u.language,
  version: u.version,
  createdAt: u.createdAt.toISOString(),
});

export interface ApiTokenResponse {
  id: string;
  name: string;
  hint: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const toApiTokenResponse = (t: ApiToken): ApiTokenResponse => ({
  id: t.id,
  name: t.name,
  hint: t.hint,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});
