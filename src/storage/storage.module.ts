import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { FileStorage } from './file-storage';
import { LocalFileStorage } from './local-file-storage';

/**
 * The file storage every module uses (`FileStorage`): a local folder under STORAGE_DIR. Another
 * backend (S3, a network share) is another `FileStorage` provided here.
 */
@Global()
@Module({
  providers: [
    {
      provide: FileStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalFileStorage(config.storageDir),
    },
  ],
  exports: [FileStorage],
})
export class StorageModule {}
