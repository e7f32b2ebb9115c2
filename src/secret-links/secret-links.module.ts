import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecretLink } from './secret-link.entity';
import { SecretLinksService } from './secret-links.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([SecretLink])],
  providers: [SecretLinksService],
  exports: [SecretLinksService],
})
export class SecretLinksModule {}
